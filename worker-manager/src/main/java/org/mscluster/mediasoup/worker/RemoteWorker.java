package org.mscluster.mediasoup.worker;

/**
 * A {@link WorkerMode#REMOTE} worker as its media host described it, with its link's figures now.
 *
 * @param hostId the media host's name for itself
 * @param address the host's link address, as the node reached it
 * @param slot the worker's slot on the host
 * @param pid the worker's process id on the host
 * @param listenIp where on the host the worker's WebRTC server is to listen
 * @param announcedIp the address browsers reach it at
 * @param rtcPort the slot's WebRTC port (UDP and TCP)
 * @param rttNanos the link's last heartbeat round trip (-1 before the first)
 * @param cpuNanos the worker process's CPU time as the host last reported it (-1: unknown)
 * @param residentBytes its resident memory (-1: unknown)
 * @param bytesSent bytes this side sent over the link
 * @param bytesReceived bytes it received
 */
public record RemoteWorker(String hostId, String address, int slot, long pid, String listenIp, String announcedIp, int rtcPort,
        long rttNanos, long cpuNanos, long residentBytes, long bytesSent, long bytesReceived) {
}
