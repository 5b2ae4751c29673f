package org.mscluster.mediasoup.rtp;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * Statistics of an RTP stream mediasoup receives (a producer's stream), {@code type}
 * {@code "inbound-rtp"}. {@code bitrateByLayer} maps {@code "spatial.temporal"} layer names to bits
 * per second, for simulcast and SVC streams. Absent optional values are {@code null}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RtpStreamRecvStats(
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
        long bitrate,
        Map<String, Long> bitrateByLayer) implements RtpStreamStats {

    public static final String TYPE = "inbound-rtp";

    public RtpStreamRecvStats {
        bitrateByLayer = bitrateByLayer == null ? Map.of() : Immutables.map(bitrateByLayer);
    }
}
