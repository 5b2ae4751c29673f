package org.mscluster.signaling.operations;

/**
 * One worker of a node at one sample.
 *
 * @param cpu the worker's share of one core since the previous sample, 0..1 (its process, or its thread when in-process)
 * @param memoryBytes resident memory of the worker's own process; -1 in-process (it shares the JVM's)
 * @param bitrateIn bits per second the worker's transports receive
 * @param restarts how many times the worker at this index was replaced by a new one since the node started
 */
public record WorkerReport(int index, long pid, boolean alive, double cpu, long memoryBytes, int rooms, int peers,
        int producers, int consumers, long bitrateIn, long bitrateOut, long restarts) {
}
