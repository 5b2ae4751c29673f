package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.fbs.EnumMappings;
import org.mscluster.mediasoup.fbs.WireValue;

/** DTLS state of a WebRtcTransport. */
public enum DtlsState implements WireValue {
    NEW("new"),
    CONNECTING("connecting"),
    CONNECTED("connected"),
    FAILED("failed"),
    CLOSED("closed");

    private final String value;

    DtlsState(String value) {
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
    public static DtlsState fromValue(String value) {
        return EnumMappings.fromValue(DtlsState.class, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
