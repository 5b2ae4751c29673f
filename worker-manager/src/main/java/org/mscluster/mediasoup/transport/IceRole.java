package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** ICE role of a WebRtcTransport; mediasoup is ICE Lite and therefore always controlled. */
public enum IceRole {
    CONTROLLED("controlled"),
    CONTROLLING("controlling");

    private final String value;

    IceRole(String value) {
        this.value = value;
    }

    /** The name mediasoup's Node layer and clients use. */
    @JsonValue
    public String value() {
        return value;
    }

    /** The constant named {@code value}, or {@code null} for any other value. */
    @JsonCreator
    public static IceRole fromValue(String value) {
        for (IceRole candidate : values()) {
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
