package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.fbs.EnumMappings;
import org.mscluster.mediasoup.fbs.WireValue;

/** Transport protocol of a listen address, ICE candidate or tuple. */
public enum TransportProtocol implements WireValue {
    UDP("udp"),
    TCP("tcp");

    private final String value;

    TransportProtocol(String value) {
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
    public static TransportProtocol fromValue(String value) {
        return EnumMappings.fromValue(TransportProtocol.class, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
