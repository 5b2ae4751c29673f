package org.mscluster.signaling.room;

import org.mscluster.cluster.model.RoomKey;

/**
 * Told what happens in this node's rooms, for webhooks and metrics. Every call of one room comes
 * from that room's executor, in the order things happened there (a room's {@code roomStarted} first,
 * its {@code roomFinished} last, a peer's producers closed before it leaves); calls of different
 * rooms may interleave. Implementations must return quickly and never block: they run on the room's
 * event loop. A listener that throws is logged and the room carries on.
 */
public interface RoomListener {

    default void roomStarted(RoomKey room, int workerIndex) {
    }

    /** @param reason why it closed: last peer left, closed by an admin, worker gone, node shutting down… */
    default void roomFinished(RoomKey room, String reason) {
    }

    /** The peer's {@code join} request was accepted (connected peers that never join are not reported). */
    default void peerJoined(RoomKey room, PeerInfo peer) {
    }

    /** A joined peer left: its connection closed, it was kicked, or the room closed. */
    default void peerLeft(RoomKey room, PeerInfo peer, String reason) {
    }

    /** @param kind {@code audio} or {@code video} */
    default void producerCreated(RoomKey room, String peerId, String producerId, String kind) {
    }

    default void producerClosed(RoomKey room, String peerId, String producerId, String kind) {
    }

    /** The room's active speaker observer named another dominant speaker (a peer id). */
    default void dominantSpeakerChanged(RoomKey room, String peerId) {
    }

    /**
     * A client's request was answered: from its arrival in the room to its response, for the join
     * path's server-side timing. Unlike the other calls it may come from any thread, as the request
     * completes: it only feeds thread-safe meters.
     *
     * @param method one of PROTOCOL.md's methods, or {@code other} (clients choose method names, so
     *     they are not passed through)
     * @param ok whether it was accepted
     */
    default void requestServed(String method, long nanos, boolean ok) {
    }

    /**
     * A consumer offered to a peer is flowing, or failed: from the {@code newConsumer} request to the
     * consumer's resume after the client's answer (the server's share of a subscriber's wait for media).
     * Also from any thread.
     */
    default void consumerReady(String kind, long nanos, boolean ok) {
    }

    /**
     * Who a peer is, as far as the node knows.
     *
     * @param region the region the client named in its connection request, or null
     * @param isp the carrier the client named, or null
     */
    record PeerInfo(String id, String displayName, String region, String isp) {
    }
}
