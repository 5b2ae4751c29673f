package org.mscluster.signaling.room;

/**
 * What one peer may hold in its room. mediasoup-demo allows anything; a browser running the web
 * client uses two transports, at most three producers (microphone, camera, screen) and one or two
 * data producers, and receives two consumers per other peer's tracks. Past a limit the request is
 * refused with a 403 protoo error (consumers, which the server creates, are simply not created).
 */
public record PeerLimits(int transports, int producers, int dataProducers, int consumers) {

    public static PeerLimits defaults() {
        return new PeerLimits(4, 16, 8, 2000);
    }

    public PeerLimits {
        if (transports < 1 || producers < 0 || dataProducers < 0 || consumers < 0) {
            throw new IllegalArgumentException("peer limits: at least one transport, no negative counts");
        }
    }
}
