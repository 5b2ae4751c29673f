package org.mscluster.signaling.cluster;

/**
 * The host's own figures, the part of a node's load report that is not about rooms.
 *
 * @param cpu whole-machine CPU utilisation since the previous sample, 0..1
 * @param memory share of memory in use, 0..1
 * @param networkInBytesPerSecond received on all non-loopback interfaces since the previous sample
 * @param networkOutBytesPerSecond sent on all non-loopback interfaces since the previous sample
 * @param disk share of the working directory's volume in use, 0..1
 */
public record MachineLoad(double cpu, double memory, long networkInBytesPerSecond, long networkOutBytesPerSecond, double disk) {

    public static final MachineLoad IDLE = new MachineLoad(0, 0, 0, 0, 0);

    public MachineLoad {
        networkInBytesPerSecond = Math.max(0, networkInBytesPerSecond);
        networkOutBytesPerSecond = Math.max(0, networkOutBytesPerSecond);
    }
}
