package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** ICE candidate type; an ICE Lite server only has host candidates. */
public enum IceCandidateType {
    HOST("host");

    private final String value;

    IceCandidateType(String value) {
        this.value = value;
    }

    /** The name mediasoup's Node layer and clients use. */
    @JsonValue
    public String value() {
        return value;
    }

    /** The constant named {@code value}, or {@code null} for any other value. */
    @JsonCreator
    public static IceCandidateType fromValue(String value) {
        for (IceCandidateType candidate : values()) {
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
