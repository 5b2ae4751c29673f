package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.fbs.EnumMappings;
import org.mscluster.mediasoup.fbs.WireValue;

/** ICE candidate type; an ICE Lite server only has host candidates. */
public enum IceCandidateType implements WireValue {
    HOST("host");

    private final String value;

    IceCandidateType(String value) {
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
    public static IceCandidateType fromValue(String value) {
        return EnumMappings.fromValue(IceCandidateType.class, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
