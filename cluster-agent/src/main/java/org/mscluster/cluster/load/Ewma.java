package org.mscluster.cluster.load;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * An exponentially weighted moving average over time: each sample moves the mean towards itself by
 * {@code 1 - exp(-elapsed / timeConstant)}, so samples taken at irregular intervals weigh by the time
 * they stand for. With a time constant of a few seconds, a one-second burst of a 2-core host to 100 %
 * CPU lifts the mean by a fifth of the jump instead of all of it, and placement keeps taking rooms.
 * The first sample is taken as it is. Not thread-safe: one sampler, one thread.
 */
public final class Ewma {

    private final double timeConstantNanos;
    private final LongSupplier nanoTime;
    private long lastNanos;
    private double mean = Double.NaN;

    /** @param nanoTime a monotonic clock ({@code System::nanoTime}; a fake one in tests) */
    public Ewma(Duration timeConstant, LongSupplier nanoTime) {
        if (timeConstant.isNegative() || timeConstant.isZero()) {
            throw new IllegalArgumentException("time constant must be positive");
        }
        this.timeConstantNanos = timeConstant.toNanos();
        this.nanoTime = nanoTime;
    }

    /** Adds a sample taken now and returns the new mean. */
    public double update(double sample) {
        long now = nanoTime.getAsLong();
        if (Double.isNaN(mean)) {
            mean = sample;
        } else {
            double elapsed = Math.max(0, now - lastNanos);
            double weight = 1 - Math.exp(-elapsed / timeConstantNanos);
            mean += weight * (sample - mean);
        }
        lastNanos = now;
        return mean;
    }

    /** The mean so far; NaN before the first sample. */
    public double mean() {
        return mean;
    }
}
