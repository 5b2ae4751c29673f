package org.mscluster.mediasoup.producer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A producer's {@code trace} event. {@code timestamp} is in milliseconds, {@code direction}
 * {@code "in"} or {@code "out"}; {@code info} holds the event's details under Node's (camelCase)
 * names, e.g. {@code rtpPacket} and {@code isRtx} for {@code rtp}, {@code ssrc} for {@code pli}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProducerTraceEventData(ProducerTraceEventType type, long timestamp, String direction,
        Map<String, Object> info) {
}
