package org.mscluster.signaling.media;

import org.mscluster.mediasoup.webrtcserver.WebRtcServer;
import org.mscluster.mediasoup.worker.Worker;

/** A worker of this node, its index (the one the room directory records) and its single-port server. */
public record MediaWorker(int index, Worker worker, WebRtcServer webRtcServer, int rtcPort) {
}
