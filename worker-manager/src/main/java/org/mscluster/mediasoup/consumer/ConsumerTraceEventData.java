package org.mscluster.mediasoup.consumer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Map;

/**
 * A consumer's {@code trace} event. {@code timestamp} is in milliseconds, {@code direction}
 * {@code "in"} or {@code "out"}; {@code info} holds the event's details under Node's (camelCase)
 * names, e.g. {@code rtpPacket} and {@code isRtx} for {@code rtp}, {@code ssrc} for {@code pli}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsumerTraceEventData(ConsumerTraceEventType type, long timestamp, String direction,
        Map<String, Object> info) {
}
