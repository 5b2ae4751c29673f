package org.mscluster.mediasoup.rtp;

import static org.mscluster.mediasoup.rtp.MediaKind.AUDIO;
import static org.mscluster.mediasoup.rtp.MediaKind.VIDEO;
import static org.mscluster.mediasoup.rtp.RtpHeaderExtensionDirection.RECVONLY;
import static org.mscluster.mediasoup.rtp.RtpHeaderExtensionDirection.SENDRECV;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The codecs and header extensions the mediasoup 3.27.1 worker supports
 * ({@code supportedRtpCapabilities.ts}), the pool {@code mediaCodecs} of a router are matched against.
 *
 * <p>The list is given as mediasoup writes it, not normalized: most codecs have no
 * {@code preferredPayloadType} (a router assigns a dynamic one) and feedback has no parameter where
 * there is none. It must change only together with the worker version we build.
 */
public final class SupportedRtpCapabilities {

    private static final RtpCapabilities CAPABILITIES = build();

    private SupportedRtpCapabilities() {
    }

    /** mediasoup's {@code getSupportedRtpCapabilities()}; immutable, so shared rather than cloned. */
    public static RtpCapabilities get() {
        return CAPABILITIES;
    }

    private static RtpCapabilities build() {
        List<RtcpFeedback> opusFeedback = List.of(RtcpFeedback.of("nack"), RtcpFeedback.of("transport-cc"));
        List<RtcpFeedback> transportCc = List.of(RtcpFeedback.of("transport-cc"));
        List<RtcpFeedback> videoFeedback = List.of(
                RtcpFeedback.of("nack"),
                RtcpFeedback.of("nack", "pli"),
                RtcpFeedback.of("ccm", "fir"),
                RtcpFeedback.of("goog-remb"),
                RtcpFeedback.of("transport-cc"));

        List<RtpCodecCapability> codecs = new ArrayList<>();
        codecs.add(codec(AUDIO, "audio/opus", null, 48000, 2, null, opusFeedback));
        // Quad channel.
        codecs.add(codec(AUDIO, "audio/multiopus", null, 48000, 4,
                parameters("channel_mapping", "0,1,2,3", "num_streams", 2, "coupled_streams", 2), opusFeedback));
        // 5.1.
        codecs.add(codec(AUDIO, "audio/multiopus", null, 48000, 6,
                parameters("channel_mapping", "0,4,1,2,3,5", "num_streams", 4, "coupled_streams", 2), opusFeedback));
        // 7.1.
        codecs.add(codec(AUDIO, "audio/multiopus", null, 48000, 8,
                parameters("channel_mapping", "0,6,1,2,3,4,5,7", "num_streams", 5, "coupled_streams", 3), opusFeedback));
        codecs.add(codec(AUDIO, "audio/PCMU", 0, 8000, null, null, transportCc));
        codecs.add(codec(AUDIO, "audio/PCMA", 8, 8000, null, null, transportCc));
        codecs.add(codec(AUDIO, "audio/ISAC", null, 32000, null, null, transportCc));
        codecs.add(codec(AUDIO, "audio/ISAC", null, 16000, null, null, transportCc));
        codecs.add(codec(AUDIO, "audio/G722", 9, 8000, null, null, transportCc));
        codecs.add(codec(AUDIO, "audio/iLBC", null, 8000, null, null, transportCc));
        codecs.add(codec(AUDIO, "audio/SILK", null, 24000, null, null, transportCc));
        codecs.add(codec(AUDIO, "audio/SILK", null, 16000, null, null, transportCc));
        codecs.add(codec(AUDIO, "audio/SILK", null, 12000, null, null, transportCc));
        codecs.add(codec(AUDIO, "audio/SILK", null, 8000, null, null, transportCc));
        codecs.add(codec(AUDIO, "audio/CN", 13, 32000, null, null, null));
        codecs.add(codec(AUDIO, "audio/CN", 13, 16000, null, null, null));
        codecs.add(codec(AUDIO, "audio/CN", 13, 8000, null, null, null));
        codecs.add(codec(AUDIO, "audio/telephone-event", null, 48000, null, null, null));
        codecs.add(codec(AUDIO, "audio/telephone-event", null, 32000, null, null, null));
        codecs.add(codec(AUDIO, "audio/telephone-event", null, 16000, null, null, null));
        codecs.add(codec(AUDIO, "audio/telephone-event", null, 8000, null, null, null));
        codecs.add(codec(VIDEO, "video/VP8", null, 90000, null, null, videoFeedback));
        codecs.add(codec(VIDEO, "video/VP9", null, 90000, null, null, videoFeedback));
        codecs.add(codec(VIDEO, "video/H264", null, 90000, null,
                parameters("level-asymmetry-allowed", 1), videoFeedback));
        codecs.add(codec(VIDEO, "video/AV1", null, 90000, null, Map.of(), videoFeedback));

        List<RtpHeaderExtension> headerExtensions = List.of(
                new RtpHeaderExtension(AUDIO, RtpHeaderExtensionUri.MID, 1, SENDRECV),
                new RtpHeaderExtension(VIDEO, RtpHeaderExtensionUri.MID, 1, SENDRECV),
                new RtpHeaderExtension(VIDEO, RtpHeaderExtensionUri.RTP_STREAM_ID, 2, RECVONLY),
                new RtpHeaderExtension(VIDEO, RtpHeaderExtensionUri.REPAIRED_RTP_STREAM_ID, 3, RECVONLY),
                new RtpHeaderExtension(AUDIO, RtpHeaderExtensionUri.ABS_SEND_TIME, 4, SENDRECV),
                new RtpHeaderExtension(VIDEO, RtpHeaderExtensionUri.ABS_SEND_TIME, 4, SENDRECV),
                // For audio, transport-wide-cc-01 only when receiving media.
                new RtpHeaderExtension(AUDIO, RtpHeaderExtensionUri.TRANSPORT_WIDE_CC_01, 5, RECVONLY),
                new RtpHeaderExtension(VIDEO, RtpHeaderExtensionUri.TRANSPORT_WIDE_CC_01, 5, SENDRECV),
                new RtpHeaderExtension(AUDIO, RtpHeaderExtensionUri.SSRC_AUDIO_LEVEL, 6, SENDRECV),
                new RtpHeaderExtension(VIDEO, RtpHeaderExtensionUri.DEPENDENCY_DESCRIPTOR, 7, RECVONLY),
                new RtpHeaderExtension(VIDEO, RtpHeaderExtensionUri.VIDEO_ORIENTATION, 8, SENDRECV),
                new RtpHeaderExtension(VIDEO, RtpHeaderExtensionUri.TOFFSET, 9, SENDRECV),
                new RtpHeaderExtension(AUDIO, RtpHeaderExtensionUri.ABS_CAPTURE_TIME, 10, SENDRECV),
                new RtpHeaderExtension(VIDEO, RtpHeaderExtensionUri.ABS_CAPTURE_TIME, 10, SENDRECV),
                new RtpHeaderExtension(AUDIO, RtpHeaderExtensionUri.PLAYOUT_DELAY, 11, SENDRECV),
                new RtpHeaderExtension(VIDEO, RtpHeaderExtensionUri.PLAYOUT_DELAY, 11, SENDRECV),
                new RtpHeaderExtension(AUDIO, RtpHeaderExtensionUri.MEDIASOUP_PACKET_ID, 12, SENDRECV),
                new RtpHeaderExtension(VIDEO, RtpHeaderExtensionUri.MEDIASOUP_PACKET_ID, 12, SENDRECV));

        return new RtpCapabilities(codecs, headerExtensions);
    }

    private static RtpCodecCapability codec(MediaKind kind, String mimeType, Integer preferredPayloadType,
            int clockRate, Integer channels, Map<String, Object> parameters, List<RtcpFeedback> rtcpFeedback) {
        return new RtpCodecCapability(kind, mimeType, preferredPayloadType, clockRate, channels, parameters,
                rtcpFeedback);
    }

    /** Ordered, unlike {@code Map.of}, so the JSON lists parameters as mediasoup does. */
    private static Map<String, Object> parameters(Object... keysAndValues) {
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            parameters.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return parameters;
    }
}
