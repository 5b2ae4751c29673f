package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.fbs.EnumMappings;
import org.mscluster.mediasoup.fbs.WireValue;

/** Trace events a transport can emit once enabled with {@code enableTraceEvent}. */
public enum TransportTraceEventType implements WireValue {
    PROBATION("probation"),
    BWE("bwe");

    private final String value;

    TransportTraceEventType(String value) {
        this.value = value;
    }

    /** The name mediasoup's Node layer and clients use. */
    @Override
    @JsonValue
    public String value() {
        return value;
    }

    /** The constant named {@code value}, or {@code null} for any other value. */
    @JsonCreator
    public static TransportTraceEventType fromValue(String value) {
        return EnumMappings.fromValue(TransportTraceEventType.class, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
