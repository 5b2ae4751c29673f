package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.fbs.EnumMappings;
import org.mscluster.mediasoup.fbs.WireValue;

/** SRTP crypto suite of a PlainTransport or PipeTransport. */
public enum SrtpCryptoSuite implements WireValue {
    AEAD_AES_256_GCM("AEAD_AES_256_GCM"),
    AEAD_AES_128_GCM("AEAD_AES_128_GCM"),
    AES_CM_128_HMAC_SHA1_80("AES_CM_128_HMAC_SHA1_80"),
    AES_CM_128_HMAC_SHA1_32("AES_CM_128_HMAC_SHA1_32");

    private final String value;

    SrtpCryptoSuite(String value) {
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
    public static SrtpCryptoSuite fromValue(String value) {
        return EnumMappings.fromValue(SrtpCryptoSuite.class, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
