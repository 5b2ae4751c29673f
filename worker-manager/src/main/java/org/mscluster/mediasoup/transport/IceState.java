package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.fbs.EnumMappings;
import org.mscluster.mediasoup.fbs.WireValue;

/** ICE state of a WebRtcTransport; {@code closed} is set locally when the transport closes. */
public enum IceState implements WireValue {
    NEW("new"),
    CONNECTED("connected"),
    COMPLETED("completed"),
    DISCONNECTED("disconnected"),
    CLOSED("closed");

    private final String value;

    IceState(String value) {
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
    public static IceState fromValue(String value) {
        return EnumMappings.fromValue(IceState.class, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
