package org.mscluster.mediasoup.rtp;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Direction of an RTP header extension in mediasoup's own capabilities: what the worker can send
 * ({@code sendonly}), receive ({@code recvonly}) or both. Ignored in endpoints' capabilities.
 */
public enum RtpHeaderExtensionDirection {
    SENDRECV("sendrecv"),
    SENDONLY("sendonly"),
    RECVONLY("recvonly"),
    INACTIVE("inactive");

    private final String value;

    RtpHeaderExtensionDirection(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    /** The direction named {@code value}, or {@code null} (then normalized to sendrecv) for anything else. */
    @JsonCreator
    public static RtpHeaderExtensionDirection fromValue(String value) {
        for (RtpHeaderExtensionDirection direction : values()) {
            if (direction.value.equals(value)) {
                return direction;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
