package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A DTLS certificate fingerprint: hash function and colon-separated hex value. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DtlsFingerprint(FingerprintAlgorithm algorithm, String value) {
}
