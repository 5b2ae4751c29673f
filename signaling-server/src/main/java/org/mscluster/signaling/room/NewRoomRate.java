package org.mscluster.signaling.room;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * How many new rooms one client address may open: a token bucket per address holding {@code
 * perMinute} tokens, refilled at {@code perMinute} a minute; opening a room takes one. A burst of a
 * whole minute's rooms passes, then one every {@code 60 / perMinute} seconds. Joining a room that is
 * already open takes nothing. Thread-safe; addresses whose bucket is full again are forgotten.
 */
public final class NewRoomRate {

    private static final long MINUTE_NANOS = 60_000_000_000L;
    /** Forget full buckets once this many addresses are tracked (and then whenever it doubles). */
    private static final int SWEEP_AT = 1024;

    private final int perMinute;
    private final LongSupplier nanoClock;
    private final Map<InetAddress, Bucket> buckets = new HashMap<>();
    private int sweepAt = SWEEP_AT;

    /** @param nanoClock {@link System#nanoTime}, or a test's clock */
    public NewRoomRate(int perMinute, LongSupplier nanoClock) {
        if (perMinute < 1) {
            throw new IllegalArgumentException("new rooms per address per minute must be at least 1");
        }
        this.perMinute = perMinute;
        this.nanoClock = nanoClock;
    }

    public int perMinute() {
        return perMinute;
    }

    /** Takes one new room's token of {@code address}, if it has one; a null address is never limited. */
    public synchronized boolean tryOpen(InetAddress address) {
        if (address == null) {
            return true;
        }
        long now = nanoClock.getAsLong();
        Bucket bucket = buckets.computeIfAbsent(address, a -> new Bucket(perMinute, now));
        bucket.refill(now, perMinute);
        if (bucket.tokens < 1) {
            return false;
        }
        bucket.tokens -= 1;
        if (buckets.size() >= sweepAt) {
            sweep(now);
        }
        return true;
    }

    /** Addresses tracked now (for tests). */
    public synchronized int tracked() {
        return buckets.size();
    }

    private void sweep(long now) {
        buckets.values().removeIf(bucket -> {
            bucket.refill(now, perMinute);
            return bucket.tokens >= perMinute;
        });
        sweepAt = Math.max(SWEEP_AT, buckets.size() * 2);
    }

    private static final class Bucket {
        double tokens;
        long last;

        Bucket(int tokens, long now) {
            this.tokens = tokens;
            this.last = now;
        }

        void refill(long now, int perMinute) {
            tokens = Math.min(perMinute, tokens + (double) (now - last) * perMinute / MINUTE_NANOS);
            last = now;
        }
    }
}
