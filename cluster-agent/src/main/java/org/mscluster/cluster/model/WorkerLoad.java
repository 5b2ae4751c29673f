package org.mscluster.cluster.model;

/**
 * The service figures of one mediasoup worker on a node.
 *
 * @param index the worker's position in the node's pool, the number rooms are pinned to
 * @param cpu the worker process's share of one core, 0..1
 */
public record WorkerLoad(int index, int rooms, int peers, int producers, int consumers, double cpu) {
    public WorkerLoad {
        if (index < 0) {
            throw new IllegalArgumentException("worker index must be >= 0");
        }
        if (rooms < 0 || peers < 0 || producers < 0 || consumers < 0) {
            throw new IllegalArgumentException("worker counts must be >= 0");
        }
        cpu = Fractions.clamp(cpu);
    }

    public static WorkerLoad idle(int index) {
        return new WorkerLoad(index, 0, 0, 0, 0, 0.0);
    }
}
