package org.mscluster.signaling.operations;

/**
 * The host's figures at one sample: the server panel of the dashboard and the {@code mscluster_node_*}
 * metrics.
 *
 * @param cpu whole-machine CPU utilisation since the previous sample, 0..1
 * @param memory share of memory in use ({@code 1 - MemAvailable/MemTotal}), 0..1
 * @param networkInBytesPerSecond received on all non-loopback interfaces since the previous sample
 * @param networkReceivedBytes total received on those interfaces since boot (a counter)
 * @param disk share of the working directory's volume in use, 0..1
 */
public record HostLoad(double cpu, double memory, long memoryUsedBytes, long memoryTotalBytes, long networkInBytesPerSecond,
        long networkOutBytesPerSecond, long networkReceivedBytes, long networkSentBytes, double disk, long diskUsedBytes,
        long diskTotalBytes) {

    public static final HostLoad IDLE = new HostLoad(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}
