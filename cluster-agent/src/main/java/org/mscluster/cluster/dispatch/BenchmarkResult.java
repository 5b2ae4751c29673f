package org.mscluster.cluster.dispatch;

import java.time.Duration;
import java.util.Locale;

/**
 * What {@link DispatchBenchmark} measured.
 *
 * @param threads dispatch lanes (Redis connections)
 * @param inFlight requests outstanding at once
 * @param decisions placement calls that returned a placement
 * @param failures placement calls that threw
 * @param splitRooms rooms whose clients were told different nodes or workers; anything but 0 is a bug
 * @param elapsed wall time from the first call to the last answer
 */
public record BenchmarkResult(
        int rooms,
        int clients,
        int threads,
        int inFlight,
        int decisions,
        int failures,
        int splitRooms,
        Duration elapsed,
        double decisionsPerSecond,
        long p50Micros,
        long p99Micros,
        long maxMicros) {

    /** Without an in-flight figure: one request per thread. */
    public BenchmarkResult(int rooms, int clients, int threads, int decisions, int failures, int splitRooms,
            Duration elapsed, double decisionsPerSecond, long p50Micros, long p99Micros, long maxMicros) {
        this(rooms, clients, threads, threads, decisions, failures, splitRooms, elapsed, decisionsPerSecond,
                p50Micros, p99Micros, maxMicros);
    }

    /** One line for the CLI. */
    public String summary() {
        return String.format(Locale.ROOT,
                "%d rooms, %d clients, %d threads, %d in flight: %d decisions in %d ms = %.0f decisions/s, "
                        + "latency p50 %d us, p99 %d us, max %d us; failures %d, split rooms %d",
                rooms, clients, threads, inFlight, decisions, elapsed.toMillis(), decisionsPerSecond,
                p50Micros, p99Micros, maxMicros, failures, splitRooms);
    }
}
