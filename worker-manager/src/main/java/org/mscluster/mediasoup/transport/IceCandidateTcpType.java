package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** TCP candidate type; mediasoup only accepts incoming TCP connections. */
public enum IceCandidateTcpType {
    PASSIVE("passive");

    private final String value;

    IceCandidateTcpType(String value) {
        this.value = value;
    }

    /** The name mediasoup's Node layer and clients use. */
    @JsonValue
    public String value() {
        return value;
    }

    /** The constant named {@code value}, or {@code null} for any other value. */
    @JsonCreator
    public static IceCandidateTcpType fromValue(String value) {
        for (IceCandidateTcpType candidate : values()) {
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
