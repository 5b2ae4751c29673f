package org.mscluster.cluster.model;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * A node's load, sampled once a second: the machine and each worker. The one load model of the
 * product: placement, {@code /api/cluster}, the dashboard, {@code mscluster status} and the metrics
 * all read it.
 *
 * @param host the machine's figures
 * @param workers one entry per worker, ordered by index
 * @param reportedAt when the figures were sampled
 */
public record NodeLoad(HostLoad host, List<WorkerLoad> workers, Instant reportedAt) {

    public NodeLoad {
        Objects.requireNonNull(host, "host");
        workers = workers.stream().sorted(Comparator.comparingInt(WorkerLoad::index)).toList();
        Objects.requireNonNull(reportedAt, "reportedAt");
    }

    /** A node that has just started: {@code workerCount} idle workers and nothing else. */
    public static NodeLoad idle(int workerCount, Instant at) {
        return new NodeLoad(HostLoad.IDLE, IntStream.range(0, workerCount).mapToObj(WorkerLoad::idle).toList(), at);
    }

    public double cpu() {
        return host.cpu();
    }

    public double memory() {
        return host.memory();
    }

    public double disk() {
        return host.disk();
    }

    public long networkInBytesPerSecond() {
        return host.networkInBytesPerSecond();
    }

    public long networkOutBytesPerSecond() {
        return host.networkOutBytesPerSecond();
    }

    public long networkBytesPerSecond() {
        return host.networkBytesPerSecond();
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

    public long bitrateIn() {
        long n = 0;
        for (WorkerLoad w : workers) {
            n += w.bitrateIn();
        }
        return n;
    }

    public long bitrateOut() {
        long n = 0;
        for (WorkerLoad w : workers) {
            n += w.bitrateOut();
        }
        return n;
    }

    /**
     * The figures a placement policy reads, the others at their defaults (byte counters, process
     * ids, worker memory, bitrates, restarts): what {@code NodeRegistry.placementNodes()} gives, so a
     * placer reads a few numbers per node instead of the whole report. The machine's CPU, memory, disk
     * and network rates; per worker its index, liveness, CPU, rooms, peers, producers and consumers.
     */
    public NodeLoad forPlacement() {
        List<WorkerLoad> brief = new ArrayList<>(workers.size());
        for (WorkerLoad w : workers) {
            brief.add(WorkerLoad.forPlacement(w.index(), w.alive(), w.cpu(), w.rooms(), w.peers(), w.producers(), w.consumers()));
        }
        return new NodeLoad(HostLoad.of(host.cpu(), host.memory(), host.networkInBytesPerSecond(),
                host.networkOutBytesPerSecond(), host.disk()), brief, reportedAt);
    }

    /** The same workers with the machine's figures replaced (a node told to report fixed host figures). */
    public NodeLoad withHost(HostLoad replacement) {
        return new NodeLoad(replacement, workers, reportedAt);
    }
}
