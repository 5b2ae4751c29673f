package org.mscluster.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Latency samples in nanoseconds, summarised as a benchmark's JSON figures in microseconds. */
final class Latencies {

    private final long[] samples;
    private int count;

    Latencies(int capacity) {
        samples = new long[capacity];
    }

    synchronized void add(long nanos) {
        if (count < samples.length) {
            samples[count++] = nanos;
        }
    }

    Map<String, Object> summary(String prefix) {
        return summary(List.of(this), prefix);
    }

    /** The figures of several recorders' samples together (one per worker, so none is shared between threads). */
    static Map<String, Object> summary(List<Latencies> all, String prefix) {
        long[] joined = new long[0];
        for (Latencies latencies : all) {
            synchronized (latencies) {
                int from = joined.length;
                joined = Arrays.copyOf(joined, from + latencies.count);
                System.arraycopy(latencies.samples, 0, joined, from, latencies.count);
            }
        }
        Arrays.sort(joined);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(prefix + "p50Us", micros(percentile(joined, 0.50)));
        out.put(prefix + "p99Us", micros(percentile(joined, 0.99)));
        out.put(prefix + "maxUs", micros(joined.length == 0 ? 0 : joined[joined.length - 1]));
        return out;
    }

    private static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static double micros(long nanos) {
        return Math.round(nanos / 100.0) / 10.0;
    }
}
