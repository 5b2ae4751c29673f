package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.fbs.EnumMappings;
import org.mscluster.mediasoup.fbs.WireValue;

/** ICE role of a WebRtcTransport; mediasoup is ICE Lite and therefore always controlled. */
public enum IceRole implements WireValue {
    CONTROLLED("controlled"),
    CONTROLLING("controlling");

    private final String value;

    IceRole(String value) {
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
    public static IceRole fromValue(String value) {
        return EnumMappings.fromValue(IceRole.class, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
