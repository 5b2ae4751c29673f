package org.mscluster.signaling.media;

import java.util.List;
import java.util.Map;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpCodecCapability;

/**
 * The codecs of every room's router: those of mediasoup-demo, so the demo app and our client
 * negotiate the same way. Opus first, then VP8 (what every browser encodes in software), VP9 and
 * the two H264 profiles browsers offer.
 */
public final class MediaCodecs {

    private MediaCodecs() {
    }

    public static List<RtpCodecCapability> routerCodecs() {
        return List.of(
                codec(MediaKind.AUDIO, "audio/opus", 48000, 2, Map.of()),
                codec(MediaKind.VIDEO, "video/VP8", 90000, null, Map.of("x-google-start-bitrate", 1000)),
                codec(MediaKind.VIDEO, "video/VP9", 90000, null, Map.of("profile-id", 2, "x-google-start-bitrate", 1000)),
                codec(MediaKind.VIDEO, "video/h264", 90000, null, Map.of("packetization-mode", 1,
                        "profile-level-id", "4d0032", "level-asymmetry-allowed", 1, "x-google-start-bitrate", 1000)),
                codec(MediaKind.VIDEO, "video/h264", 90000, null, Map.of("packetization-mode", 1,
                        "profile-level-id", "42e01f", "level-asymmetry-allowed", 1, "x-google-start-bitrate", 1000)));
    }

    private static RtpCodecCapability codec(MediaKind kind, String mimeType, int clockRate, Integer channels,
            Map<String, Object> parameters) {
        return RtpCodecCapability.builder().kind(kind).mimeType(mimeType).clockRate(clockRate).channels(channels)
                .parameters(parameters).build();
    }
}
