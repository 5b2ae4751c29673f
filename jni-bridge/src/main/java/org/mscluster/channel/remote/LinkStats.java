package org.mscluster.channel.remote;

/**
 * A remote worker's link at one moment.
 *
 * @param rttNanos the last heartbeat's round trip (-1 before the first)
 * @param workerCpuNanos CPU time the worker process has used, as the host last reported (-1: unknown)
 * @param workerResidentBytes its resident memory (-1: unknown)
 * @param bytesSent channel and control bytes sent to the host
 * @param bytesReceived bytes received from it
 */
public record LinkStats(long rttNanos, long workerCpuNanos, long workerResidentBytes, long bytesSent, long bytesReceived) {
}
