package org.mscluster.cluster.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A node event whose delivery was given up, with why.
 *
 * @param reason the last attempt's failure ({@code HTTP 503}, {@code java.net.ConnectException: ...}),
 *     or {@link #UNKNOWN_REASON} when the listener did not say
 * @param attempts delivery attempts made; 0 when the listener did not count them (and for dead
 *     letters written before the reason was kept)
 * @param at when the delivery was given up; for dead letters written before the reason was kept,
 *     the event's own time
 */
public record DeadLetter(NodeEvent event, String reason, int attempts, Instant at) {

    /** The reason of a dead letter whose listener did not say why. */
    public static final String UNKNOWN_REASON = "delivery given up";

    public DeadLetter {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
        if (attempts < 0) {
            throw new IllegalArgumentException("attempts must be >= 0");
        }
    }
}
