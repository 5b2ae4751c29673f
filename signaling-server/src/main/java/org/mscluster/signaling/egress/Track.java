package org.mscluster.signaling.egress;

import java.util.Locale;
import java.util.Map;

/**
 * One stream into ffmpeg: a consumer's codec as it leaves the PlainTransport, and where ffmpeg listens for it.
 *
 * @param kind {@code audio} or {@code video}
 * @param mimeType {@code video/VP8}, {@code audio/opus}, …
 * @param parameters the codec's fmtp parameters
 * @param rtpPort ffmpeg's RTP port (RTCP on the next one)
 */
public record Track(String peerId, String producerId, String kind, String mimeType, int payloadType, int clockRate,
        Integer channels, Map<String, Object> parameters, int rtpPort) {

    public Track {
        parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
    }

    public boolean video() {
        return "video".equals(kind);
    }

    /** The codec without its kind, lower case: {@code vp8}, {@code h264}, {@code opus}. */
    public String codec() {
        int slash = mimeType.indexOf('/');
        return mimeType.substring(slash + 1).toLowerCase(Locale.ROOT);
    }
}
