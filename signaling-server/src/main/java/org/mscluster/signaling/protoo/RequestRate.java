package org.mscluster.signaling.protoo;

/**
 * A token bucket: {@code perSecond} requests a second on average, up to {@code burst} at once. Not
 * thread-safe: one per peer, used on its socket's event loop.
 */
public final class RequestRate {

    private final double perNano;
    private final double burst;
    private double tokens;
    private long last;

    public RequestRate(int perSecond, int burst, long nowNanos) {
        if (perSecond < 1 || burst < 1) {
            throw new IllegalArgumentException("a request rate and burst must be positive");
        }
        this.perNano = perSecond / 1e9;
        this.burst = burst;
        this.tokens = burst;
        this.last = nowNanos;
    }

    /** Takes one request's token if there is one. */
    public boolean tryAcquire(long nowNanos) {
        tokens = Math.min(burst, tokens + (nowNanos - last) * perNano);
        last = nowNanos;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
    }
}
