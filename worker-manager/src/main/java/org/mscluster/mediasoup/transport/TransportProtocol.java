package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Transport protocol of a listen address, ICE candidate or tuple. */
public enum TransportProtocol {
    UDP("udp"),
    TCP("tcp");

    private final String value;

    TransportProtocol(String value) {
        this.value = value;
    }

    /** The name mediasoup's Node layer and clients use. */
    @JsonValue
    public String value() {
        return value;
    }

    /** The constant named {@code value}, or {@code null} for any other value. */
    @JsonCreator
    public static TransportProtocol fromValue(String value) {
        for (TransportProtocol candidate : values()) {
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
