package org.mscluster.cli;

import java.util.Arrays;
import java.util.LinkedHashMap;
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

    synchronized Map<String, Object> summary(String prefix) {
        long[] sorted = Arrays.copyOf(samples, count);
        Arrays.sort(sorted);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(prefix + "p50Us", micros(percentile(sorted, 0.50)));
        out.put(prefix + "p99Us", micros(percentile(sorted, 0.99)));
        out.put(prefix + "maxUs", micros(sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
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
