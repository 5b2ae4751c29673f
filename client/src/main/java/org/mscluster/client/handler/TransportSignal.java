package org.mscluster.client.handler;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a transport asks of the signaling (mediasoup-client's {@code connect}, {@code produce} and
 * {@code producedata} events), answered synchronously by the caller (who sends the protoo request and waits).
 */
public interface TransportSignal {
    /** connectWebRtcTransport with the local DTLS parameters. */
    void connect(JsonNode dtlsParameters);

    /** produce; returns the producer id. */
    default String produce(String kind, JsonNode rtpParameters, JsonNode appData) {
        throw new UnsupportedOperationException("a receiving transport does not produce");
    }

    /** produceData; returns the data producer id. */
    default String produceData(JsonNode sctpStreamParameters, String label, String protocol, JsonNode appData) {
        throw new UnsupportedOperationException("a receiving transport does not produce");
    }
}
