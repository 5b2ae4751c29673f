package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.fbs.EnumMappings;
import org.mscluster.mediasoup.fbs.WireValue;

/** State of a transport's SCTP association. */
public enum SctpState implements WireValue {
    NEW("new"),
    CONNECTING("connecting"),
    CONNECTED("connected"),
    FAILED("failed"),
    CLOSED("closed");

    private final String value;

    SctpState(String value) {
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
    public static SctpState fromValue(String value) {
        return EnumMappings.fromValue(SctpState.class, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
