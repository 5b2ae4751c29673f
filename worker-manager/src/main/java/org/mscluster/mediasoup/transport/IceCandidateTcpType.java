package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.fbs.EnumMappings;
import org.mscluster.mediasoup.fbs.WireValue;

/** TCP candidate type; mediasoup only accepts incoming TCP connections. */
public enum IceCandidateTcpType implements WireValue {
    PASSIVE("passive");

    private final String value;

    IceCandidateTcpType(String value) {
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
    public static IceCandidateTcpType fromValue(String value) {
        return EnumMappings.fromValue(IceCandidateTcpType.class, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
