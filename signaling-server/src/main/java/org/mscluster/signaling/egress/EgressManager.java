package org.mscluster.signaling.egress;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomSnapshot;
import org.mscluster.signaling.room.Room;
import org.mscluster.signaling.room.RoomListener;
import org.mscluster.signaling.room.RoomRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's egresses: starts them on the rooms it hosts, finds, lists and stops them, and tells each
 * when its room's producers change or its room closes (it listens to the rooms). Finished egresses
 * stay readable (the last {@link #KEPT_FINISHED}).
 */
public final class EgressManager implements RoomListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EgressManager.class);
    static final int KEPT_FINISHED = 1000;

    /** Why an egress cannot start: {@code status} is the HTTP status to answer with. */
    public static final class Refused extends RuntimeException {
        private final int status;

        public Refused(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final String nodeId;
    private final RoomRegistry rooms;
    private final EgressSettings settings;
    private final Clock clock;
    private final ScheduledExecutorService timers;
    private final FileStorage files = new FileStorage();
    private final Map<String, EgressSession> egresses = new LinkedHashMap<>();
    private final List<EgressListener> listeners = new CopyOnWriteArrayList<>();
    private final EgressListener fanout = new EgressListener() {
        @Override
        public void started(EgressSession egress) {
            listeners.forEach(l -> call(() -> l.started(egress)));
        }

        @Override
        public void updated(EgressSession egress, String why) {
            listeners.forEach(l -> call(() -> l.updated(egress, why)));
        }

        @Override
        public void ended(EgressSession egress) {
            listeners.forEach(l -> call(() -> l.ended(egress)));
            prune();
        }

        @Override
        public void lost(RemoteEgress egress) {
            listeners.forEach(l -> call(() -> l.lost(egress)));
        }
    };
    private volatile boolean closed;
    private volatile EgressNodes offload;

    public EgressManager(String nodeId, RoomRegistry rooms, EgressSettings settings, Clock clock) {
        this.nodeId = nodeId;
        this.rooms = rooms;
        this.settings = settings;
        this.clock = clock;
        this.timers = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "egress-" + nodeId);
            thread.setDaemon(true);
            return thread;
        });
        rooms.addListener(this);
    }

    public EgressSettings settings() {
        return settings;
    }

    public void addListener(EgressListener listener) {
        listeners.add(listener);
    }

    /**
     * Starts an egress of a room open here; it is {@code starting} until ffmpeg has opened its output.
     *
     * @throws Refused 404 when the room is not open on this node, 400 when the storage is not configured
     */
    public CompletableFuture<EgressSession> start(RoomKey key, EgressRequest request) {
        return start(key, request, newId());
    }

    private static String newId() {
        return "EG_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /**
     * Sends this node's egresses to egress-only nodes when one can take them (cluster with cascade); set before
     * serving.
     */
    public void offload(EgressNodes nodes) {
        nodes.onLost(fanout::lost);
        this.offload = nodes;
    }

    /**
     * Starts an egress of a room open here: on the least loaded live egress-only node when there is one (see
     * {@link EgressNodes}), else here, as {@link #start(RoomKey, EgressRequest)}. An egress node that does not take
     * it in time leaves it to this node.
     *
     * @throws Refused as {@link #start(RoomKey, EgressRequest)}
     */
    public CompletableFuture<Egress> begin(RoomKey key, EgressRequest request) {
        EgressNodes nodes = offload;
        Room room = rooms.find(key).filter(r -> !r.closed() && !r.mediaOnly()).orElse(null);
        if (nodes == null || room == null || closed) {
            return start(key, request).thenApply(egress -> egress);
        }
        Optional<String> node = nodes.choose(key);
        if (node.isEmpty()) {
            return start(key, request).thenApply(egress -> egress);
        }
        String id = newId();
        return room.producers().thenCompose(producers -> {
            check(key, request, room, producers);
            return nodes.start(key, request, id, node.get()).<Egress>thenApply(remote -> remote)
                    .exceptionallyCompose(error -> {
                        LOG.warn("egress {} of room {}: egress node {} did not take it ({}); it runs here", id, key, node.get(),
                                error.toString());
                        return start(key, request, id).thenApply(egress -> egress);
                    });
        });
    }

    /** An egress of this node, or one it started on an egress-only node. */
    public Optional<Egress> lookup(String egressId) {
        Optional<Egress> local = find(egressId).map(egress -> egress);
        EgressNodes nodes = offload;
        return local.isPresent() || nodes == null ? local : nodes.find(egressId).map(egress -> egress);
    }

    /** A room's egresses, oldest first: this node's, then those it started on egress-only nodes. */
    public List<Egress> listAll(RoomKey key) {
        List<Egress> all = new ArrayList<>(list(key));
        EgressNodes nodes = offload;
        if (nodes != null) {
            all.addAll(nodes.list(key));
        }
        return all;
    }

    /** @throws Refused 404 when the request names a peer or producer the room does not have */
    private static void check(RoomKey key, EgressRequest request, Room room, List<Room.ProducerSource> producers) {
        if (request.peer() != null && producers.stream().noneMatch(p -> p.peerId().equals(request.peer()))) {
            throw new Refused(404, "peer " + request.peer() + " has no producer in room " + key.roomId());
        }
        for (String producerId : request.producers()) {
            if (producers.stream().noneMatch(p -> p.producerId().equals(producerId))
                    && !room.router().canConsume(producerId, room.router().rtpCapabilities())) {
                throw new Refused(404, "no producer " + producerId + " in room " + key.roomId());
            }
        }
    }

    /** {@link #start(RoomKey, EgressRequest)} with the egress's id chosen by the caller (another node). */
    CompletableFuture<EgressSession> start(RoomKey key, EgressRequest request, String id) {
        if (closed) {
            throw new Refused(503, "the node is closing");
        }
        Room room = rooms.find(key).filter(r -> !r.closed()).orElseThrow(() -> new Refused(404, "no room " + key.roomId()
                + " of namespace " + key.namespace() + " on this node"));
        EgressStorage storage = null;
        if (!request.rtmp()) {
            storage = "s3".equals(request.storage()) ? settings.s3() : files;
            if (storage == null) {
                throw new Refused(400, "no S3 storage is configured on this node (--s3-endpoint, --s3-bucket)");
            }
        }
        EgressStorage chosen = storage;
        return room.producers().thenApply(producers -> {
            check(key, request, room, producers);
            EgressSession egress = new EgressSession(id, key, nodeId, request, room, settings, chosen, timers, fanout, clock);
            synchronized (this) {
                if (closed) {
                    throw new Refused(503, "the node is closing");
                }
                egresses.put(egress.id(), egress);
            }
            LOG.info("egress {} of room {}: {} starting", egress.id(), key, request);
            egress.start();
            return egress;
        });
    }

    public synchronized Optional<EgressSession> find(String egressId) {
        return Optional.ofNullable(egresses.get(egressId));
    }

    /** The egresses of a room, oldest first. */
    public synchronized List<EgressSession> list(RoomKey key) {
        return egresses.values().stream().filter(e -> e.room().equals(key)).toList();
    }

    public synchronized List<EgressSession> all() {
        return List.copyOf(egresses.values());
    }

    /** Those not finished yet. */
    public synchronized List<EgressSession> running() {
        return egresses.values().stream().filter(e -> !e.status().finished()).toList();
    }

    /** A room's egresses not finished yet, for the node's report ({@code /api/cluster}, the dashboard). */
    public List<RoomSnapshot.Egress> snapshots(RoomKey room) {
        return of(room).stream().map(EgressSession::snapshot).toList();
    }

    private synchronized void prune() {
        long finished = egresses.values().stream().filter(e -> e.status().finished()).count();
        var it = egresses.values().iterator();
        while (finished > KEPT_FINISHED && it.hasNext()) {
            if (it.next().status().finished()) {
                it.remove();
                finished--;
            }
        }
    }

    private List<EgressSession> of(RoomKey room) {
        List<EgressSession> list;
        synchronized (this) {
            list = new ArrayList<>(egresses.values());
        }
        return list.stream().filter(e -> e.room().equals(room) && !e.status().finished()).toList();
    }

    @Override
    public void producerCreated(RoomKey room, String peerId, String producerId, String kind) {
        of(room).forEach(EgressSession::sourcesChanged);
    }

    @Override
    public void producerClosed(RoomKey room, String peerId, String producerId, String kind) {
        of(room).forEach(EgressSession::sourcesChanged);
    }

    @Override
    public void dominantSpeakerChanged(RoomKey room, String peerId) {
        of(room).forEach(e -> timers.execute(e::speakerChanged));
    }

    @Override
    public void roomFinished(RoomKey room, String reason) {
        // A media-only leg (egress-only node) whose room's nodes died: aborted, as on a node closing; files finished.
        of(room).forEach(e -> timers.execute(() -> {
            if (e.source().hostLost()) {
                e.abort(reason);
            } else {
                e.stop("room closed (" + reason + ")");
            }
        }));
    }

    private static void call(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("egress listener failed", e);
        }
    }

    /** Aborts every running egress (their files are finished), waiting up to 12 s for them. */
    @Override
    public void close() {
        Collection<EgressSession> running;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            running = running();
        }
        running.forEach(e -> e.abort("node closing"));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(12);
        while (running.stream().anyMatch(e -> !e.status().finished()) && System.nanoTime() < end) {
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        timers.shutdownNow();
        EgressNodes nodes = offload;
        if (nodes != null) {
            nodes.close();
        }
        if (settings.s3() instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                LOG.debug("closing the S3 client: {}", e.toString());
            }
        }
    }
}
