package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.fbs.EnumMappings;
import org.mscluster.mediasoup.fbs.WireValue;

/** Which kind of transport an object is ({@code transport.type} in Node). */
public enum TransportType implements WireValue {
    WEBRTC("webrtc"),
    PLAIN("plain"),
    PIPE("pipe"),
    DIRECT("direct");

    private final String value;

    TransportType(String value) {
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
    public static TransportType fromValue(String value) {
        return EnumMappings.fromValue(TransportType.class, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
