package org.mscluster.mediasoup.rtp;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Statistics of an RTP stream mediasoup sends (a consumer's stream), {@code type}
 * {@code "outbound-rtp"}. Absent optional values are {@code null}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RtpStreamSendStats(
        String type,
        long timestamp,
        long ssrc,
        Long rtxSsrc,
        String rid,
        MediaKind kind,
        String mimeType,
        long packetsLost,
        int fractionLost,
        long jitter,
        long packetsDiscarded,
        long packetsRetransmitted,
        long packetsRepaired,
        long nackCount,
        long nackPacketCount,
        long pliCount,
        long firCount,
        double roundTripTime,
        Long rtxPacketsDiscarded,
        int score,
        long packetCount,
        long byteCount,
        long bitrate) implements RtpStreamStats {

    public static final String TYPE = "outbound-rtp";
}
