package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.fbs.EnumMappings;
import org.mscluster.mediasoup.fbs.WireValue;

/** DTLS role; {@code auto} lets mediasoup pick the opposite of the remote role. */
public enum DtlsRole implements WireValue {
    AUTO("auto"),
    CLIENT("client"),
    SERVER("server");

    private final String value;

    DtlsRole(String value) {
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
    public static DtlsRole fromValue(String value) {
        return EnumMappings.fromValue(DtlsRole.class, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
