package org.mscluster.signaling.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.mediasoup.ActiveSpeakerObserver;
import org.mscluster.mediasoup.AudioLevelObserver;
import org.mscluster.mediasoup.AudioLevelObserverVolume;
import org.mscluster.mediasoup.Mediasoup;
import org.mscluster.mediasoup.Router;
import org.mscluster.signaling.media.MediaWorker;
import org.mscluster.signaling.protoo.CloseCodes;
import org.mscluster.signaling.protoo.Json;
import org.mscluster.signaling.protoo.ProtooMessage;
import org.mscluster.signaling.protoo.ProtooPeer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One room: its router on one worker, its peers, its audio observers. Membership and fan-out live
 * here; what each request does lives in {@link RoomRequests}, consumer creation in {@link MediaFanout}.
 * Every method except {@link #create} and {@link #addPeer} must run on {@link #executor}.
 */
public final class Room {

    private static final Logger LOG = LoggerFactory.getLogger(Room.class);

    final RoomKey key;
    final MediaWorker worker;
    final Router router;
    final RoomMedia media;
    final RoomSettings settings;
    final SerialExecutor executor;
    final MediaFanout fanout;
    private final AudioLevelObserver audioLevelObserver;
    private final ActiveSpeakerObserver activeSpeakerObserver;
    private final RoomRequests requests;
    private final Map<String, RoomPeer> peers = new LinkedHashMap<>();
    private final Consumer<Room> onClosed;
    private volatile boolean closed;
    private volatile int peerCount;

    private Room(RoomKey key, MediaWorker worker, Router router, AudioLevelObserver audioLevelObserver,
            ActiveSpeakerObserver activeSpeakerObserver, RoomMedia media, RoomSettings settings, SerialExecutor executor,
            int consumerReplicas, Consumer<Room> onClosed) {
        this.key = key;
        this.worker = worker;
        this.router = router;
        this.audioLevelObserver = audioLevelObserver;
        this.activeSpeakerObserver = activeSpeakerObserver;
        this.media = media;
        this.settings = settings;
        this.executor = executor;
        this.onClosed = onClosed;
        this.fanout = new MediaFanout(this, consumerReplicas);
        this.requests = new RoomRequests(this);
        audioLevelObserver.on(AudioLevelObserver.VOLUMES, volumes -> executor.execute(() -> onVolumes(volumes)));
        audioLevelObserver.on(AudioLevelObserver.SILENCE, nothing -> executor.execute(this::onSilence));
        activeSpeakerObserver.on(ActiveSpeakerObserver.DOMINANT_SPEAKER, speaker ->
                LOG.debug("room {}: dominant speaker {}", key, speaker.producer().appData().get("peerId")));
        // A router closes under us when its worker dies or closes.
        router.on(Router.WORKER_CLOSE, nothing -> executor.execute(() -> close(CloseCodes.GOING_AWAY, "media worker gone")));
    }

    /** Creates the router and observers on {@code worker}; {@code onClosed} runs once the room has closed. */
    static CompletableFuture<Room> create(RoomKey key, MediaWorker worker, Executor pool, RoomSettings settings,
            int consumerReplicas, Consumer<Room> onClosed) {
        RoomMedia media = new RoomMedia(settings);
        return media.createRouter(worker.worker()).thenCompose(router -> media.createAudioLevelObserver(router)
                .thenCombine(media.createActiveSpeakerObserver(router), (audio, speaker) -> new Room(key, worker, router,
                        audio, speaker, media, settings, new SerialExecutor(pool, "room " + key), consumerReplicas, onClosed))
                .whenComplete((room, error) -> {
                    if (error != null) {
                        router.close();
                    }
                }));
    }

    RoomSettings settings() {
        return settings;
    }

    public RoomKey key() {
        return key;
    }

    public int workerIndex() {
        return worker.index();
    }

    public boolean closed() {
        return closed;
    }

    /** Peers currently in the room, joined or not; readable from any thread. */
    public int peerCount() {
        return peerCount;
    }

    /**
     * Takes {@code protoo} into the room, replacing a peer with the same id. Completes with false when
     * the room closed meanwhile: the caller then needs a fresh room.
     */
    CompletableFuture<Boolean> addPeer(ProtooPeer protoo, WaitingRequests waiting) {
        return CompletableFuture.supplyAsync(() -> {
            if (closed) {
                return false;
            }
            if (protoo.isClosed()) {
                // Went away while the room was being found: nothing to add, and the room may be empty now.
                closeIfEmpty();
                return true;
            }
            RoomPeer existing = peers.get(protoo.id());
            if (existing != null) {
                LOG.info("room {}: peer {} reconnected, closing its previous connection", key, protoo.id());
                removePeer(existing);
                existing.protoo.close();
            }
            RoomPeer peer = new RoomPeer(protoo);
            peers.put(peer.id, peer);
            peerCount = peers.size();
            protoo.notify("mediasoup-version", Map.of("version", Mediasoup.version()));
            protoo.closeFuture().thenRunAsync(() -> peerLeft(peer), executor);
            waiting.attach((self, request) -> handle(peer, request));
            return true;
        }, executor);
    }

    private CompletionStage<?> handle(RoomPeer peer, ProtooMessage.Request request) {
        return CompletableFuture.supplyAsync(() -> requests.handle(peer, request), executor).thenCompose(stage -> stage);
    }

    private void peerLeft(RoomPeer peer) {
        if (peers.get(peer.id) != peer) {
            // Replaced by a newer connection of the same peer id, which removed it already.
            return;
        }
        LOG.info("room {}: peer {} left (its connection closed)", key, peer.id);
        removePeer(peer);
        closeIfEmpty();
    }

    /** Removes a peer and everything it created; tells the others if it had joined. */
    private void removePeer(RoomPeer peer) {
        peers.remove(peer.id);
        peerCount = peers.size();
        if (peer.joined) {
            broadcast("peerClosed", Map.of("peerId", peer.id), peer);
        }
        // Closing the transports closes the peer's producers (others get consumerClosed) and consumers.
        for (var transport : List.copyOf(peer.transports.values())) {
            transport.close();
        }
        peer.transports.clear();
    }

    private void closeIfEmpty() {
        if (peers.isEmpty() && !closed) {
            LOG.info("room {}: last peer left, closing", key);
            close(CloseCodes.CLOSED_BY_SERVER, "room closed");
        }
    }

    List<RoomPeer> joinedPeers(RoomPeer exclude) {
        List<RoomPeer> result = new ArrayList<>();
        for (RoomPeer peer : peers.values()) {
            if (peer.joined && peer != exclude) {
                result.add(peer);
            }
        }
        return result;
    }

    boolean contains(RoomPeer peer) {
        return peers.get(peer.id) == peer;
    }

    void broadcast(String method, Object data, RoomPeer exclude) {
        for (RoomPeer peer : joinedPeers(exclude)) {
            peer.protoo.notify(method, data);
        }
    }

    /** Called by the audio observer: the loudest producer, by peer, to everyone. */
    private void onVolumes(List<AudioLevelObserverVolume> volumes) {
        if (closed || volumes.isEmpty()) {
            return;
        }
        AudioLevelObserverVolume loudest = volumes.get(0);
        ObjectNode data = Json.object();
        Object peerId = loudest.producer().appData().get("peerId");
        data.put("peerId", peerId == null ? null : peerId.toString());
        data.put("volume", loudest.volume());
        broadcast("activeSpeaker", data, null);
    }

    private void onSilence() {
        if (!closed) {
            broadcast("activeSpeaker", Json.object().putNull("peerId"), null);
        }
    }

    void addToAudioObservers(String producerId) {
        audioLevelObserver.addProducer(producerId).exceptionally(error -> null);
        activeSpeakerObserver.addProducer(producerId).exceptionally(error -> null);
    }

    /** Closes the router (and with it every transport) and every remaining connection. */
    void close(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        for (RoomPeer peer : List.copyOf(peers.values())) {
            peer.protoo.close(code, reason);
        }
        peers.clear();
        peerCount = 0;
        router.close();
        onClosed.accept(this);
    }

    @Override
    public String toString() {
        return "Room[" + key + " on worker " + worker.index() + "]";
    }
}
