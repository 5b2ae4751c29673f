package org.mscluster.benchmarks;

import java.util.List;
import java.util.Map;
import org.mscluster.mediasoup.ortc.Ortc;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtcpFeedback;
import org.mscluster.mediasoup.rtp.RtcpParameters;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.RtpCodecCapability;
import org.mscluster.mediasoup.rtp.RtpCodecParameters;
import org.mscluster.mediasoup.rtp.RtpEncodingParameters;
import org.mscluster.mediasoup.rtp.RtpHeaderExtensionParameters;
import org.mscluster.mediasoup.rtp.RtpHeaderExtensionUri;
import org.mscluster.mediasoup.rtp.RtpParameters;

/**
 * What a browser sends: a Chrome VP8 producer with three simulcast encodings, RTX and its usual
 * header extensions and feedback, and the router of mediasoup-demo's codecs, so the benchmarks work
 * on the parameters the hot paths really see.
 */
final class BrowserParameters {

    static final RtpCapabilities ROUTER = Ortc.generateRouterRtpCapabilities(List.of(
            RtpCodecCapability.builder().kind(MediaKind.AUDIO).mimeType("audio/opus").clockRate(48000).channels(2).build(),
            RtpCodecCapability.builder().kind(MediaKind.VIDEO).mimeType("video/VP8").clockRate(90000)
                    .parameters(Map.of("x-google-start-bitrate", 1000)).build(),
            RtpCodecCapability.builder().kind(MediaKind.VIDEO).mimeType("video/VP9").clockRate(90000)
                    .parameters(Map.of("profile-id", 2, "x-google-start-bitrate", 1000)).build(),
            RtpCodecCapability.builder().kind(MediaKind.VIDEO).mimeType("video/H264").clockRate(90000)
                    .parameters(Map.of("packetization-mode", 1, "profile-level-id", "4d0032", "level-asymmetry-allowed", 1,
                            "x-google-start-bitrate", 1000)).build()));

    static final RtpParameters CHROME_VP8_SIMULCAST = RtpParameters.builder()
            .mid("1")
            .codecs(List.of(
                    RtpCodecParameters.builder().mimeType("video/VP8").payloadType(96).clockRate(90000)
                            .rtcpFeedback(List.of(RtcpFeedback.of("goog-remb"), RtcpFeedback.of("transport-cc"),
                                    RtcpFeedback.of("ccm", "fir"), RtcpFeedback.of("nack"), RtcpFeedback.of("nack", "pli")))
                            .build(),
                    RtpCodecParameters.builder().mimeType("video/rtx").payloadType(97).clockRate(90000)
                            .parameters(Map.of("apt", 96)).build()))
            .headerExtensions(List.of(
                    RtpHeaderExtensionParameters.of(RtpHeaderExtensionUri.MID, 4),
                    RtpHeaderExtensionParameters.of(RtpHeaderExtensionUri.RTP_STREAM_ID, 10),
                    RtpHeaderExtensionParameters.of(RtpHeaderExtensionUri.REPAIRED_RTP_STREAM_ID, 11),
                    RtpHeaderExtensionParameters.of(RtpHeaderExtensionUri.ABS_SEND_TIME, 2),
                    RtpHeaderExtensionParameters.of(RtpHeaderExtensionUri.TRANSPORT_WIDE_CC_01, 3),
                    RtpHeaderExtensionParameters.of(RtpHeaderExtensionUri.VIDEO_ORIENTATION, 13),
                    RtpHeaderExtensionParameters.of(RtpHeaderExtensionUri.TOFFSET, 14)))
            .encodings(List.of(
                    RtpEncodingParameters.builder().rid("r0").scalabilityMode("L1T3").scaleResolutionDownBy(4.0).maxBitrate(150_000).build(),
                    RtpEncodingParameters.builder().rid("r1").scalabilityMode("L1T3").scaleResolutionDownBy(2.0).maxBitrate(500_000).build(),
                    RtpEncodingParameters.builder().rid("r2").scalabilityMode("L1T3").scaleResolutionDownBy(1.0).maxBitrate(1_500_000).build()))
            .rtcp(new RtcpParameters("Ro9yhrwR6Wl0hYnD", true))
            .build();

    private BrowserParameters() {
    }
}
