package org.mscluster.mediasoup.transport;

/**
 * A transport's {@code trace} event. {@code direction} is {@code "in"} or {@code "out"};
 * {@code info} is a {@link BweTraceInfo} for {@code bwe} and {@code null} for {@code probation}.
 */
public record TransportTraceEventData(TransportTraceEventType type, long timestamp, String direction, Object info) {
}
