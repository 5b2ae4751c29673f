package org.mscluster.cluster.dispatch;

import java.util.Arrays;

/** Percentiles of a set of latencies, by the nearest-rank method (no interpolation, no surprises). */
public final class LatencySummary {
    private final long[] sortedNanos;

    public LatencySummary(long[] nanos) {
        this.sortedNanos = nanos.clone();
        Arrays.sort(sortedNanos);
    }

    public int count() {
        return sortedNanos.length;
    }

    /**
     * @param p in (0, 100]
     * @return the smallest latency that at least {@code p}% of samples do not exceed, in
     *     microseconds; 0 when there are no samples
     */
    public long percentileMicros(double p) {
        if (!(p > 0 && p <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100]: " + p);
        }
        if (sortedNanos.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, rank - 1)] / 1_000;
    }

    public long maxMicros() {
        return sortedNanos.length == 0 ? 0 : sortedNanos[sortedNanos.length - 1] / 1_000;
    }
}
