package org.mscluster.signaling.room;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.mscluster.cluster.model.RoomKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The registry's listeners as one: a failing listener is logged and the others still hear. */
final class RoomListeners implements RoomListener {

    private static final Logger LOG = LoggerFactory.getLogger(RoomListeners.class);

    private final List<RoomListener> listeners = new CopyOnWriteArrayList<>();

    void add(RoomListener listener) {
        listeners.add(listener);
    }

    private void each(Consumer<RoomListener> call) {
        for (RoomListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.warn("room listener {} failed", listener, e);
            }
        }
    }

    @Override
    public void roomStarted(RoomKey room, int workerIndex) {
        each(l -> l.roomStarted(room, workerIndex));
    }

    @Override
    public void roomFinished(RoomKey room, String reason) {
        each(l -> l.roomFinished(room, reason));
    }

    @Override
    public void peerJoined(RoomKey room, PeerInfo peer) {
        each(l -> l.peerJoined(room, peer));
    }

    @Override
    public void peerLeft(RoomKey room, PeerInfo peer, String reason) {
        each(l -> l.peerLeft(room, peer, reason));
    }

    @Override
    public void producerCreated(RoomKey room, String peerId, String producerId, String kind) {
        each(l -> l.producerCreated(room, peerId, producerId, kind));
    }

    @Override
    public void producerClosed(RoomKey room, String peerId, String producerId, String kind) {
        each(l -> l.producerClosed(room, peerId, producerId, kind));
    }

    @Override
    public void dominantSpeakerChanged(RoomKey room, String peerId) {
        each(l -> l.dominantSpeakerChanged(room, peerId));
    }

    @Override
    public void requestServed(String method, long nanos, boolean ok) {
        each(listener -> listener.requestServed(method, nanos, ok));
    }

    @Override
    public void consumerReady(String kind, long nanos, boolean ok) {
        each(listener -> listener.consumerReady(kind, nanos, ok));
    }
}
