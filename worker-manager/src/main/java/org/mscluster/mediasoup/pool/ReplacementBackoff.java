package org.mscluster.mediasoup.pool;

import java.time.Duration;

/**
 * How long the pool waits before it starts a replacement for a worker that died, or retries one
 * that failed to start: {@code initial} after the first failure, doubling with each further failure
 * in a row, never more than {@code max}. A worker that ran for at least {@code max} ends the row:
 * the next death waits {@code initial} again, while a worker that keeps dying at start waits longer
 * and longer instead of spinning.
 */
public record ReplacementBackoff(Duration initial, Duration max) {

    public ReplacementBackoff {
        if (initial == null || max == null || initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, got " + initial + " and " + max);
        }
    }

    /** 500 ms, doubling up to 30 s. */
    public static ReplacementBackoff defaults() {
        return new ReplacementBackoff(Duration.ofMillis(500), Duration.ofSeconds(30));
    }

    /** The wait after {@code failuresInARow} (1 for the first) failures. */
    public Duration delay(int failuresInARow) {
        long maxMillis = max.toMillis();
        long millis = initial.toMillis();
        for (int i = 1; i < failuresInARow && millis < maxMillis; i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, maxMillis));
    }
}
