package org.mscluster.cluster.model;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A node's load report, sent every second.
 *
 * @param cpu whole-machine CPU utilisation, 0..1
 * @param memory share of memory in use, 0..1
 * @param networkInBytesPerSecond bytes received per second, all interfaces
 * @param networkOutBytesPerSecond bytes sent per second, all interfaces
 * @param disk share of the recording volume in use, 0..1
 * @param workers one entry per worker, ordered by index
 * @param reportedAt when the figures were sampled
 */
public record NodeLoad(
        double cpu,
        double memory,
        long networkInBytesPerSecond,
        long networkOutBytesPerSecond,
        double disk,
        List<WorkerLoad> workers,
        Instant reportedAt) {

    public NodeLoad {
        cpu = Fractions.clamp(cpu);
        memory = Fractions.clamp(memory);
        disk = Fractions.clamp(disk);
        if (networkInBytesPerSecond < 0 || networkOutBytesPerSecond < 0) {
            throw new IllegalArgumentException("network rates must be >= 0");
        }
        workers = workers.stream().sorted(Comparator.comparingInt(WorkerLoad::index)).toList();
        Objects.requireNonNull(reportedAt, "reportedAt");
    }

    /** A node that has just started: {@code workerCount} idle workers and nothing else. */
    public static NodeLoad idle(int workerCount, Instant at) {
        return new NodeLoad(0, 0, 0, 0, 0,
                java.util.stream.IntStream.range(0, workerCount).mapToObj(WorkerLoad::idle).toList(), at);
    }

    public long networkBytesPerSecond() {
        return networkInBytesPerSecond + networkOutBytesPerSecond;
    }

    // Loops rather than streams: placement evaluates these for every candidate of every decision.

    public int rooms() {
        int n = 0;
        for (WorkerLoad w : workers) {
            n += w.rooms();
        }
        return n;
    }

    public int peers() {
        int n = 0;
        for (WorkerLoad w : workers) {
            n += w.peers();
        }
        return n;
    }

    public int producers() {
        int n = 0;
        for (WorkerLoad w : workers) {
            n += w.producers();
        }
        return n;
    }

    public int consumers() {
        int n = 0;
        for (WorkerLoad w : workers) {
            n += w.consumers();
        }
        return n;
    }
}
