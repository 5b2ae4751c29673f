package org.mscluster.signaling.protoo;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many requests, messages and resources a node refused, by reason: what
 * {@code mscluster_refusals_total{reason}} shows. One per server (a node or a dispatcher), shared by its
 * sockets and rooms.
 */
public final class Refusals {

    /** Why something was refused; {@link #label()} is the metric's {@code reason}. */
    public enum Reason {
        /** A peer asked for more WebRTC transports than a peer may have. */
        PEER_TRANSPORTS,
        /** A peer asked to produce more tracks than a peer may. */
        PEER_PRODUCERS,
        /** A peer asked for more data producers than a peer may have. */
        PEER_DATA_PRODUCERS,
        /** A peer would have received more consumers than a peer may have: the server made no more. */
        PEER_CONSUMERS,
        /** A peer sent requests faster than its rate allows. */
        REQUEST_RATE,
        /** A peer had too many requests unanswered at once. */
        REQUESTS_IN_FLIGHT,
        /** A protoo message nested deeper than allowed, refused before it was parsed deep. */
        JSON_DEPTH,
        /** An address opened more connections than one address may hold. */
        CONNECTIONS_PER_ADDRESS,
        /** A connection did not send its first whole request (a handshake) in time. */
        HANDSHAKE_TIMEOUT,
        /** The server already had as many connections as it allows waiting for their first request. */
        HANDSHAKES_IN_FLIGHT,
        /** An HTTP request line (method, URL, version) longer than allowed: 414. */
        URL_SIZE,
        /** HTTP headers bigger than allowed: 431. */
        HEADER_SIZE,
        /** An HTTP body bigger than allowed: 413. */
        BODY_SIZE,
        /** An address opened more new rooms in a minute than one address may. */
        ROOMS_PER_ADDRESS;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final Map<Reason, LongAdder> counts = new EnumMap<>(Reason.class);

    public Refusals() {
        for (Reason reason : Reason.values()) {
            counts.put(reason, new LongAdder());
        }
    }

    public void count(Reason reason) {
        counts.get(reason).increment();
    }

    public long total(Reason reason) {
        return counts.get(reason).sum();
    }
}
