package org.mscluster.channel.remote;

/**
 * What the media host told a client about its worker: the slot, the process id on the host, and
 * where the worker's WebRTC server is to listen and be announced.
 */
public record RemoteWorkerInfo(String hostId, String address, int slot, long pid, String listenIp, String announcedIp, int rtcPort) {
}
