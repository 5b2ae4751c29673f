package org.mscluster.cluster.model;

/**
 * The machine's figures at one sample: what placement limits, the dashboard's server panel and the
 * {@code mscluster_node_*} metrics read.
 *
 * @param cpu whole-machine CPU utilisation, 0..1, smoothed over a few seconds by the sampler so that a
 *     burst on a small host does not refuse rooms
 * @param memory share of memory in use ({@code 1 - MemAvailable/MemTotal}), 0..1
 * @param networkInBytesPerSecond received on all non-loopback interfaces since the previous sample
 * @param networkOutBytesPerSecond sent on those interfaces since the previous sample
 * @param networkReceivedBytes total received on those interfaces since boot (a counter)
 * @param networkSentBytes total sent on those interfaces since boot (a counter)
 * @param disk share of the recording volume in use, 0..1
 */
public record HostLoad(double cpu, double memory, long memoryUsedBytes, long memoryTotalBytes,
        long networkInBytesPerSecond, long networkOutBytesPerSecond, long networkReceivedBytes, long networkSentBytes,
        double disk, long diskUsedBytes, long diskTotalBytes) {

    public static final HostLoad IDLE = new HostLoad(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

    public HostLoad {
        cpu = Fractions.clamp(cpu);
        memory = Fractions.clamp(memory);
        disk = Fractions.clamp(disk);
        networkInBytesPerSecond = Math.max(0, networkInBytesPerSecond);
        networkOutBytesPerSecond = Math.max(0, networkOutBytesPerSecond);
    }

    /** The five figures placement reads, the byte counts left at zero: tests and placement experiments. */
    public static HostLoad of(double cpu, double memory, long networkInBytesPerSecond, long networkOutBytesPerSecond,
            double disk) {
        return new HostLoad(cpu, memory, 0, 0, networkInBytesPerSecond, networkOutBytesPerSecond, 0, 0, disk, 0, 0);
    }

    public long networkBytesPerSecond() {
        return networkInBytesPerSecond + networkOutBytesPerSecond;
    }

    /** These figures with the CPU replaced (the sampler's smoothed figure). */
    public HostLoad withCpu(double value) {
        return new HostLoad(value, memory, memoryUsedBytes, memoryTotalBytes, networkInBytesPerSecond,
                networkOutBytesPerSecond, networkReceivedBytes, networkSentBytes, disk, diskUsedBytes, diskTotalBytes);
    }
}
