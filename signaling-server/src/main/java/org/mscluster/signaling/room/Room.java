package org.mscluster.signaling.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomSnapshot;
import org.mscluster.mediasoup.Mediasoup;
import org.mscluster.mediasoup.observer.ActiveSpeakerObserver;
import org.mscluster.mediasoup.observer.AudioLevelObserver;
import org.mscluster.mediasoup.observer.AudioLevelObserverVolume;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterDump;
import org.mscluster.mediasoup.transport.TransportStat;
import org.mscluster.mediasoup.transport.WebRtcTransport;
import org.mscluster.signaling.json.Json;
import org.mscluster.signaling.media.MediaWorker;
import org.mscluster.signaling.protoo.CloseCodes;
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
    /** Told of the room's life, its peers and producers; called on {@link #executor} only. */
    final RoomListener events;
    /** The room's other legs on other nodes (cascade); null when the room is whole on this node. */
    final RoomLegs legs;
    /** What {@code startEgress} and {@code stopEgress} do. */
    final PeerEgress egress;
    /**
     * A leg of a room hosted on other nodes, opened on an egress-only node for its egresses: it has no peers,
     * takes every producer of the other legs through its pipes, and closes when the other legs are gone.
     */
    final boolean mediaOnly;
    /** A media-only leg whose other legs' nodes died (rather than closed the room): its egresses are aborted. */
    private volatile boolean hostLost;
    private final Instant createdAt = Instant.now();
    private final AudioLevelObserver audioLevelObserver;
    /** Every audible producer's level, for the peers that joined with {@code audioLevels: true}. */
    private final AudioLevelObserver levelsObserver;
    /** Whether {@link #levelsObserver} runs: while a peer that asked for levels is in the room. */
    private boolean levelsRunning;
    private final ActiveSpeakerObserver activeSpeakerObserver;
    private final RoomRequests requests;
    private final Map<String, RoomPeer> peers = new LinkedHashMap<>();
    private final Consumer<Room> onClosed;
    private volatile boolean closed;
    private volatile int peerCount;
    /** The peer the active speaker observer last named (the speaker layout of a composite egress); null before. */
    private volatile String dominantSpeaker;

    private Room(RoomKey key, MediaWorker worker, Router router, AudioLevelObserver audioLevelObserver,
            AudioLevelObserver levelsObserver, ActiveSpeakerObserver activeSpeakerObserver, RoomMedia media, RoomSettings settings,
            SerialExecutor executor, int consumerReplicas, RoomListener events, Consumer<Room> onClosed, Cascade cascade,
            PeerEgress egress, boolean mediaOnly) {
        this.key = key;
        this.mediaOnly = mediaOnly;
        this.egress = egress;
        this.worker = worker;
        this.router = router;
        this.audioLevelObserver = audioLevelObserver;
        this.levelsObserver = levelsObserver;
        this.activeSpeakerObserver = activeSpeakerObserver;
        this.media = media;
        this.settings = settings;
        this.executor = executor;
        this.onClosed = onClosed;
        this.events = events;
        this.fanout = new MediaFanout(this, consumerReplicas);
        this.requests = new RoomRequests(this);
        this.legs = cascade == null ? null : new RoomLegs(this, cascade);
        audioLevelObserver.on(AudioLevelObserver.VOLUMES, volumes -> executor.execute(() -> onVolumes(volumes)));
        audioLevelObserver.on(AudioLevelObserver.SILENCE, nothing -> executor.execute(this::onSilence));
        // Silence sends nothing: the levels stop, and clients let their meters fall.
        levelsObserver.on(AudioLevelObserver.VOLUMES, volumes -> executor.execute(() -> onLevels(volumes)));
        activeSpeakerObserver.on(ActiveSpeakerObserver.DOMINANT_SPEAKER, speaker -> {
            Object peerId = speaker.producer().appData().get("peerId");
            dominantSpeaker = peerId == null ? null : peerId.toString();
            LOG.debug("room {}: dominant speaker {}", key, dominantSpeaker);
            String speakerNow = dominantSpeaker;
            executor.execute(() -> {
                if (!closed && speakerNow != null) {
                    events.dominantSpeakerChanged(key, speakerNow);
                }
            });
        });
        // A router closes under us when its worker dies or closes.
        router.on(Router.WORKER_CLOSE, nothing -> executor.execute(() -> close(CloseCodes.GOING_AWAY, "media worker gone")));
        // Queued before any peer can be added: the room's first event.
        executor.execute(() -> events.roomStarted(key, worker.index()));
        if (legs != null) {
            executor.execute(legs::discover);
        }
    }

    /** Creates the router and observers on {@code worker}; {@code onClosed} runs once the room has closed. */
    static CompletableFuture<Room> create(RoomKey key, MediaWorker worker, Executor pool, RoomSettings settings,
            int consumerReplicas, RoomListener events, Consumer<Room> onClosed, Cascade cascade, PeerEgress egress) {
        return create(key, worker, pool, settings, consumerReplicas, events, onClosed, cascade, egress, false);
    }

    /** @param mediaOnly a peerless leg for egress (see {@link #mediaOnly()}) */
    static CompletableFuture<Room> create(RoomKey key, MediaWorker worker, Executor pool, RoomSettings settings,
            int consumerReplicas, RoomListener events, Consumer<Room> onClosed, Cascade cascade, PeerEgress egress,
            boolean mediaOnly) {
        RoomMedia media = new RoomMedia(settings);
        return media.createRouter(worker.worker()).thenCompose(router -> media.createAudioLevelObserver(router)
                .thenCombine(media.createAudioLevelsObserver(router), List::of)
                .thenCombine(media.createActiveSpeakerObserver(router), (audio, speaker) -> new Room(key, worker, router,
                        audio.get(0), audio.get(1), speaker, media, settings, new SerialExecutor(pool, "room " + key),
                        consumerReplicas, events, onClosed, cascade, egress, mediaOnly))
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

    /**
     * The room's router, for media that leaves the room's own fan-out (a WHEP viewer's router, an
     * egress's PlainTransports). Only for transports and consumers the caller closes itself; the
     * room's peers stay the room's business.
     */
    public Router router() {
        return router;
    }

    /** The worker and WebRtcServer the room lives on. */
    public MediaWorker mediaWorker() {
        return worker;
    }

    /** The open producers of peer {@code peerId} on this node, in creation order (empty if none). */
    public CompletableFuture<List<Producer>> producersOf(String peerId) {
        return CompletableFuture.supplyAsync(() -> {
            RoomPeer peer = peers.get(peerId);
            return peer == null ? List.<Producer>of()
                    : peer.producers.values().stream().filter(producer -> !producer.closed()).toList();
        }, executor);
    }

    /**
     * Whether this is a peerless leg of a room hosted on other nodes, opened here for egress (an egress-only
     * node): every producer of the other legs is piped here, and it closes once no other leg is left.
     */
    public boolean mediaOnly() {
        return mediaOnly;
    }

    /** A media-only leg that closed because the nodes of its other legs died (not because the room closed). */
    public boolean hostLost() {
        return hostLost;
    }

    /**
     * A media-only leg: completes once it is paired with another leg and has every producer that leg announced
     * piped here, or with what it has after {@code timeoutMs}; fails if no other leg answered by then.
     */
    public CompletableFuture<Void> mediaReady(long timeoutMs) {
        CompletableFuture<Void> ready = new CompletableFuture<>();
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        checkReady(ready, end);
        return ready;
    }

    private void checkReady(CompletableFuture<Void> ready, long end) {
        executor.execute(() -> {
            int state = legs == null || closed ? -1 : legs.readiness();
            if (state == 2 || (state == 1 && System.nanoTime() > end)) {
                ready.complete(null);
            } else if (System.nanoTime() > end || state < 0) {
                ready.completeExceptionally(new IllegalStateException(closed ? "the room's leg closed"
                        : "no other leg of room " + key.roomId() + " answered from its node"));
            } else {
                CompletableFuture.delayedExecutor(100, TimeUnit.MILLISECONDS).execute(() -> checkReady(ready, end));
            }
        });
    }

    /** A media-only leg has no other leg left: closed on them, or their nodes died ({@code lost}). */
    void legsGone(boolean lost, String reason) {
        hostLost = lost;
        LOG.info("room {}: media-only leg closing: {}", key, reason);
        close(CloseCodes.CLOSED_BY_SERVER, reason);
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
                removePeer(existing, "replaced by a new connection");
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
        long arrived = System.nanoTime();
        String method = RoomRequests.metricName(request.method());
        return CompletableFuture.supplyAsync(() -> requests.handle(peer, request), executor).thenCompose(stage -> stage)
                .whenComplete((answer, error) -> events.requestServed(method, System.nanoTime() - arrived, error == null))
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(RoomRequests.asClientError(error)));
    }

    private void peerLeft(RoomPeer peer) {
        if (peers.get(peer.id) != peer) {
            // Kicked, or replaced by a newer connection of the same peer id: removed already.
            return;
        }
        LOG.info("room {}: peer {} left ({})", key, peer.id, peer.leaveReason != null ? peer.leaveReason : "its connection closed");
        removePeer(peer, peer.leaveReason != null ? peer.leaveReason : "disconnected");
        closeIfEmpty();
    }

    /** Removes a peer and everything it created; tells the others if it had joined. */
    private void removePeer(RoomPeer peer, String reason) {
        peers.remove(peer.id);
        peerCount = peers.size();
        if (peer.joined) {
            broadcast("peerClosed", Map.of("peerId", peer.id), peer);
            if (legs != null) {
                legs.left(peer);
            }
        }
        reportLeaving(peer, reason);
        levelsWanted();
        // Closing the transports closes the peer's producers (others get consumerClosed) and consumers.
        for (var transport : List.copyOf(peer.transports.values())) {
            transport.close();
        }
        peer.transports.clear();
    }

    private void closeIfEmpty() {
        if (peers.isEmpty() && !closed) {
            LOG.info("room {}: last peer left, closing", key);
            close(CloseCodes.CLOSED_BY_SERVER, "last peer left");
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

    /**
     * Called by the levels observer: every audible producer, loudest first, with its peer (local, or
     * remote for a producer piped from another leg: its appData carries its peer's id), to the peers that
     * asked.
     */
    private void onLevels(List<AudioLevelObserverVolume> volumes) {
        if (closed || volumes.isEmpty()) {
            return;
        }
        ObjectNode data = Json.object();
        var levels = data.putArray("levels");
        for (AudioLevelObserverVolume volume : volumes) {
            Object peerId = volume.producer().appData().get("peerId");
            levels.addObject()
                    .put("peerId", peerId == null ? null : peerId.toString())
                    .put("producerId", volume.producer().id())
                    .put("volume", volume.volume());
        }
        for (RoomPeer peer : joinedPeers(null)) {
            if (peer.audioLevels) {
                peer.protoo.notify("audioLevels", data);
            }
        }
    }

    /** Runs the levels observer while a joined peer asked for levels, pauses it otherwise. */
    void levelsWanted() {
        boolean wanted = !closed && joinedPeers(null).stream().anyMatch(peer -> peer.audioLevels);
        if (wanted != levelsRunning) {
            levelsRunning = wanted;
            (wanted ? levelsObserver.resume() : levelsObserver.pause()).exceptionally(error -> null);
        }
    }

    void addToAudioObservers(String producerId) {
        audioLevelObserver.addProducer(producerId).exceptionally(error -> null);
        levelsObserver.addProducer(producerId).exceptionally(error -> null);
        activeSpeakerObserver.addProducer(producerId).exceptionally(error -> null);
    }

    /** Closes the router (and with it every transport) and every remaining connection. */
    void close(int code, String reason) {
        if (closed) {
            return;
        }
        closed = true;
        for (RoomPeer peer : List.copyOf(peers.values())) {
            reportLeaving(peer, reason);
            peer.protoo.close(code, reason);
        }
        peers.clear();
        peerCount = 0;
        if (legs != null) {
            legs.close();
        }
        router.close();
        events.roomFinished(key, reason);
        onClosed.accept(this);
    }

    /** A producer of {@code peer} closed (by request, with its transport or its router): forget it, tell listeners once. */
    void producerGone(RoomPeer peer, String producerId) {
        Producer producer = peer.producers.remove(producerId);
        if (producer != null) {
            events.producerClosed(key, peer.id, producerId, producer.kind().value());
            if (legs != null) {
                legs.producerClosed(producerId);
            }
        }
    }

    /** Tells the listeners that the peer's producers closed and, if it had joined, that it left. */
    private void reportLeaving(RoomPeer peer, String reason) {
        for (String producerId : List.copyOf(peer.producers.keySet())) {
            producerGone(peer, producerId);
        }
        if (peer.joined) {
            events.peerLeft(key, peer.info(), reason);
        }
    }

    /** A message from this room's leg on node {@code from} (cascade). Callable from any thread. */
    public void onLegMessage(String from, ObjectNode message) {
        if (legs != null) {
            executor.execute(() -> legs.onMessage(from, message));
        }
    }

    /** A request from this room's leg on node {@code from}; fails when there is nothing to answer. */
    public CompletableFuture<ObjectNode> onLegRequest(String from, ObjectNode request) {
        if (legs == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("room " + key + " has no legs here"));
        }
        return CompletableFuture.supplyAsync(() -> legs.onRequest(from, request), executor).thenCompose(answer -> answer);
    }

    /** The node {@code nodeId} left the cluster: its leg of this room is gone. Callable from any thread. */
    public void legLost(String nodeId) {
        if (legs != null) {
            executor.execute(() -> legs.lost(nodeId));
        }
    }

    /** Exchanges whole states with every other leg again: messages may have been lost (the mesh was down). */
    public void resyncLegs() {
        if (legs != null) {
            executor.execute(legs::resync);
        }
    }

    /** Looks for legs of this room this one does not know yet (after messages may have been lost). */
    public void discoverLegs() {
        if (legs != null) {
            executor.execute(legs::discover);
        }
    }

    /**
     * The nodes of this room's other legs, and the streams piped from and to each: {@code [in, out]}.
     * Empty for a room whole on this node. Callable from any thread.
     */
    public CompletableFuture<Map<String, int[]>> legPipes() {
        if (legs == null) {
            return CompletableFuture.completedFuture(Map.of());
        }
        return CompletableFuture.supplyAsync(legs::pipes, executor);
    }

    /**
     * Up to {@code count} joined peers not already being moved, longest here first, now marked as moving:
     * for a draining node sending its legs' peers to other legs. Callable from any thread.
     */
    CompletableFuture<List<RoomPeer>> peersToMove(int count) {
        return CompletableFuture.supplyAsync(() -> {
            List<RoomPeer> picked = new ArrayList<>();
            for (RoomPeer peer : peers.values()) {
                if (picked.size() >= count) {
                    break;
                }
                if (peer.joined && !peer.moving && !peer.protoo.isClosed()) {
                    peer.moving = true;
                    picked.add(peer);
                }
            }
            return picked;
        }, executor);
    }

    /** A peer picked to move stays: nowhere else could take it now. */
    void stays(RoomPeer peer) {
        executor.execute(() -> peer.moving = false);
    }

    /** The worker's view of the room's router (transports, producers, consumers): for finding leaks. */
    public CompletableFuture<RouterDump> routerDump() {
        return router.dump();
    }

    /** The peer the active speaker observer last named, or null. */
    public String dominantSpeaker() {
        return dominantSpeaker;
    }

    /**
     * A producer of a peer of this room, as egress sees it.
     *
     * @param live not paused, and the worker scores its stream above 0 (media arrives: a stream that stops
     *        gets score 0 after a second or two, a new one its first score within a few seconds)
     */
    public record ProducerSource(String peerId, String producerId, String kind, boolean paused, boolean live) {
    }

    /**
     * The producers of this room's peers now (in the order peers came, then produced), then those of other legs'
     * peers piped here. Callable from any thread.
     */
    public CompletableFuture<List<ProducerSource>> producers() {
        return CompletableFuture.supplyAsync(() -> {
            List<ProducerSource> all = new ArrayList<>();
            for (RoomPeer peer : peers.values()) {
                for (Producer producer : peer.producers.values()) {
                    if (!producer.closed()) {
                        boolean flowing = producer.score().stream().anyMatch(score -> score.score() > 0);
                        all.add(new ProducerSource(peer.id, producer.id(), producer.kind().value(), producer.paused(),
                                !producer.paused() && flowing));
                    }
                }
            }
            if (legs != null) {
                // Copies of other legs' producers piped here (every one on a media-only leg).
                all.addAll(legs.pipedSources());
            }
            return all;
        }, executor);
    }

    /** When the room was created. */
    public Instant createdAt() {
        return createdAt;
    }

    /**
     * The room now: peers, producers, consumers, and bitrates from the worker's transport stats (a
     * transport whose stats do not come within 2 s counts as idle). Callable from any thread.
     */
    public CompletableFuture<RoomSnapshot> snapshot() {
        return CompletableFuture.supplyAsync(this::capture, executor).thenCompose(snapshot -> snapshot);
    }

    private CompletableFuture<RoomSnapshot> capture() {
        List<CompletableFuture<RoomSnapshot.Peer>> parts = new ArrayList<>();
        for (RoomPeer peer : peers.values()) {
            List<RoomSnapshot.Producer> producers = peer.producers.values().stream()
                    .map(p -> new RoomSnapshot.Producer(p.id(), p.kind().value(), p.paused())).toList();
            int consumers = peer.consumers.size();
            String displayName = peer.displayName;
            boolean joined = peer.joined;
            Instant since = peer.since;
            List<CompletableFuture<TransportFigures>> stats = peer.transports.values().stream().map(Room::figures).toList();
            parts.add(CompletableFuture.allOf(stats.toArray(CompletableFuture[]::new)).thenApply(nothing -> {
                List<TransportFigures> figures = stats.stream().map(CompletableFuture::join).toList();
                return new RoomSnapshot.Peer(peer.id, displayName, peer.region, peer.isp, joined, since, producers, consumers,
                        figures.stream().mapToLong(TransportFigures::bitrateIn).sum(),
                        figures.stream().mapToLong(TransportFigures::bitrateOut).sum(),
                        figures.stream().map(TransportFigures::bytes).toList());
            }));
        }
        CompletableFuture<List<RoomSnapshot.Link>> links = legs == null ? CompletableFuture.completedFuture(List.of())
                : legs.links();
        return CompletableFuture.allOf(parts.toArray(CompletableFuture[]::new)).thenCombine(links, (nothing, legLinks) ->
                new RoomSnapshot(key, worker.index(), createdAt, parts.stream().map(CompletableFuture::join).toList(),
                        legLinks));
    }

    private record TransportFigures(long bitrateIn, long bitrateOut, RoomSnapshot.TransportBytes bytes) {
    }

    private static CompletableFuture<TransportFigures> figures(WebRtcTransport transport) {
        TransportFigures idle = new TransportFigures(0, 0, new RoomSnapshot.TransportBytes(transport.id(), 0, 0));
        if (transport.closed()) {
            return CompletableFuture.completedFuture(idle);
        }
        return transport.getStats().thenApply(stats -> {
            long in = 0;
            long out = 0;
            long received = 0;
            long sent = 0;
            for (TransportStat stat : stats) {
                in += stat.recvBitrate();
                out += stat.sendBitrate();
                received += stat.bytesReceived();
                sent += stat.bytesSent();
            }
            return new TransportFigures(in, out, new RoomSnapshot.TransportBytes(transport.id(), received, sent));
        }).exceptionally(error -> idle).completeOnTimeout(idle, 2, TimeUnit.SECONDS);
    }

    /**
     * Disconnects a peer with 4000 (protoo-client does not reconnect); completes with false when it is
     * not in the room. Callable from any thread.
     */
    public CompletableFuture<Boolean> kick(String peerId, String reason) {
        return CompletableFuture.supplyAsync(() -> {
            RoomPeer peer = peers.get(peerId);
            if (peer == null || closed) {
                return false;
            }
            LOG.info("room {}: kicking peer {} ({})", key, peerId, reason);
            peer.leaveReason = reason;
            // Out of the room now, not when its socket has finished closing: a second kick finds nobody.
            removePeer(peer, reason);
            peer.protoo.close(CloseCodes.CLOSED_BY_SERVER, reason);
            closeIfEmpty();
            return true;
        }, executor);
    }

    /** Closes the room, its peers with 4000 (no reconnect). Callable from any thread. */
    public CompletableFuture<Void> close(String reason) {
        return CompletableFuture.runAsync(() -> close(CloseCodes.CLOSED_BY_SERVER, reason), executor);
    }

    @Override
    public String toString() {
        return "Room[" + key + " on worker " + worker.index() + "]";
    }
}
