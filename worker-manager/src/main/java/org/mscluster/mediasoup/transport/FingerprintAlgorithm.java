package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.fbs.EnumMappings;
import org.mscluster.mediasoup.fbs.WireValue;

/** Hash function of a DTLS certificate fingerprint. */
public enum FingerprintAlgorithm implements WireValue {
    SHA1("sha-1"),
    SHA224("sha-224"),
    SHA256("sha-256"),
    SHA384("sha-384"),
    SHA512("sha-512");

    private final String value;

    FingerprintAlgorithm(String value) {
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
    public static FingerprintAlgorithm fromValue(String value) {
        return EnumMappings.fromValue(FingerprintAlgorithm.class, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
