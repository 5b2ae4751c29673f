package org.mscluster.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.mscluster.mediasoup.ortc.Ortc;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.RtpCodecCapability;

/** The recorded SDPs under src/test/resources/sdp and a router like a room's. */
final class SdpSamples {

    private SdpSamples() {
    }

    static String text(String name) {
        try (InputStream in = SdpSamples.class.getResourceAsStream("/sdp/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Sdp parse(String name) {
        return Sdp.parse(text(name));
    }

    /** The codecs of a room's router (signaling-server's MediaCodecs). */
    static RtpCapabilities routerCaps() {
        return Ortc.generateRouterRtpCapabilities(List.of(
                codec(MediaKind.AUDIO, "audio/opus", 48000, 2, Map.of()),
                codec(MediaKind.VIDEO, "video/VP8", 90000, null, Map.of()),
                codec(MediaKind.VIDEO, "video/VP9", 90000, null, Map.of("profile-id", 2)),
                codec(MediaKind.VIDEO, "video/h264", 90000, null, Map.of("packetization-mode", 1,
                        "profile-level-id", "4d0032", "level-asymmetry-allowed", 1)),
                codec(MediaKind.VIDEO, "video/h264", 90000, null, Map.of("packetization-mode", 1,
                        "profile-level-id", "42e01f", "level-asymmetry-allowed", 1))));
    }

    private static RtpCodecCapability codec(MediaKind kind, String mimeType, int clockRate, Integer channels,
            Map<String, Object> parameters) {
        return RtpCodecCapability.builder().kind(kind).mimeType(mimeType).clockRate(clockRate).channels(channels)
                .parameters(parameters).build();
    }
}
