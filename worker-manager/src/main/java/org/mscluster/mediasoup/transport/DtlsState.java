package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** DTLS state of a WebRtcTransport. */
public enum DtlsState {
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
    @JsonValue
    public String value() {
        return value;
    }

    /** The constant named {@code value}, or {@code null} for any other value. */
    @JsonCreator
    public static DtlsState fromValue(String value) {
        for (DtlsState candidate : values()) {
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
