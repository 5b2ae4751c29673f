package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Trace events a transport can emit once enabled with {@code enableTraceEvent}. */
public enum TransportTraceEventType {
    PROBATION("probation"),
    BWE("bwe");

    private final String value;

    TransportTraceEventType(String value) {
        this.value = value;
    }

    /** The name mediasoup's Node layer and clients use. */
    @JsonValue
    public String value() {
        return value;
    }

    /** The constant named {@code value}, or {@code null} for any other value. */
    @JsonCreator
    public static TransportTraceEventType fromValue(String value) {
        for (TransportTraceEventType candidate : values()) {
            if (candidate.value.equals(value)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
