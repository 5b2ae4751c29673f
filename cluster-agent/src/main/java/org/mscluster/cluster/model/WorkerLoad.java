package org.mscluster.cluster.model;

import java.util.List;

/**
 * One mediasoup worker of a node at one sample: what placement's worker step, the dashboard and the
 * metrics read.
 *
 * @param index the worker's slot in the node, the number rooms are pinned to
 * @param pid the worker's process id (the JVM's when it runs in-process); 0 when unknown
 * @param alive false between a worker's death and its replacement
 * @param cpu the worker's share of one core since the previous sample, 0..1
 * @param memoryBytes resident memory of the worker's own process; -1 in-process (it shares the JVM's)
 * @param bitrateIn bits per second the worker's transports receive
 * @param bitrateOut bits per second the worker's transports send
 * @param restarts how many times the worker in this slot was replaced since the node started
 * @param mediaHost the id of the media host the worker runs on (its pid is one there); null for a worker of the node's own
 */
public record WorkerLoad(int index, long pid, boolean alive, double cpu, long memoryBytes, int rooms, int peers,
        int producers, int consumers, long bitrateIn, long bitrateOut, long restarts, String mediaHost) {

    /** A worker of the node's own machine. */
    public WorkerLoad(int index, long pid, boolean alive, double cpu, long memoryBytes, int rooms, int peers,
            int producers, int consumers, long bitrateIn, long bitrateOut, long restarts) {
        this(index, pid, alive, cpu, memoryBytes, rooms, peers, producers, consumers, bitrateIn, bitrateOut, restarts, null);
    }

    public WorkerLoad {
        if (index < 0) {
            throw new IllegalArgumentException("worker index must be >= 0");
        }
        if (rooms < 0 || peers < 0 || producers < 0 || consumers < 0) {
            throw new IllegalArgumentException("worker counts must be >= 0");
        }
        cpu = Fractions.clamp(cpu);
    }

    /**
     * A worker with only the figures placement reads, the others at their defaults: what
     * {@link NodeLoad#forPlacement()} keeps of a worker, and what a placer reads back from Redis.
     */
    public static WorkerLoad forPlacement(int index, boolean alive, double cpu, int rooms, int peers, int producers,
            int consumers) {
        return new WorkerLoad(index, 0, alive, cpu, -1, rooms, peers, producers, consumers, 0, 0, 0);
    }

    public static WorkerLoad idle(int index) {
        return new WorkerLoad(index, 0, true, 0.0, -1, 0, 0, 0, 0, 0, 0, 0);
    }

    /**
     * This worker's room figures (rooms, peers, producers, consumers, bitrates) counted over those of
     * {@code rooms} on it; its CPU, memory and process figures stay. What a node reports, and what an
     * admin of one namespace sees of a shared worker.
     */
    public WorkerLoad countedOver(List<RoomSnapshot> rooms) {
        int count = 0;
        int peerCount = 0;
        int producerCount = 0;
        int consumerCount = 0;
        long in = 0;
        long out = 0;
        for (RoomSnapshot room : rooms) {
            if (room.workerIndex() == index) {
                count++;
                peerCount += room.peers().size();
                producerCount += room.producers();
                consumerCount += room.consumers();
                in += room.bitrateIn();
                out += room.bitrateOut();
            }
        }
        return new WorkerLoad(index, pid, alive, cpu, memoryBytes, count, peerCount, producerCount, consumerCount, in, out,
                restarts, mediaHost);
    }

    /** The figures placement reads, the rest idle: tests and simulated nodes. */
    public static WorkerLoad of(int index, int rooms, int peers, int producers, int consumers, double cpu) {
        return new WorkerLoad(index, 0, true, cpu, -1, rooms, peers, producers, consumers, 0, 0, 0);
    }
}
