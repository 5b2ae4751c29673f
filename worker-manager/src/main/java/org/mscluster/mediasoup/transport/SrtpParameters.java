package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** SRTP crypto suite and master key (key and salt, base64) of one direction of a transport. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SrtpParameters(SrtpCryptoSuite cryptoSuite, String keyBase64) {
}
