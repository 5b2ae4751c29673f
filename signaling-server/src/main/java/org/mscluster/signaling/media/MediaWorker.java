package org.mscluster.signaling.media;

import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.webrtcserver.WebRtcServer;
import org.mscluster.mediasoup.worker.Worker;

/**
 * A worker of this node, its index (the one the room directory records) and its single-port server.
 *
 * @param listenIp where the worker's sockets listen (on its media host, for a remote worker)
 * @param announcedIp the address other machines reach them at; null: {@code listenIp}
 */
public record MediaWorker(int index, Worker worker, WebRtcServer webRtcServer, int rtcPort, String listenIp,
        String announcedIp) {

    /**
     * Where a PipeTransport of this worker listens: the address of its WebRTC server, a port of the
     * worker's range, so that the worker of another node can reach it.
     */
    public ListenInfo pipeListenInfo() {
        ListenInfo udp = ListenInfo.udp(listenIp);
        return announcedIp == null || announcedIp.isEmpty() ? udp : udp.withAnnouncedAddress(announcedIp);
    }
}
