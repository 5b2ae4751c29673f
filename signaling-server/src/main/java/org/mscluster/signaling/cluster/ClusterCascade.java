package org.mscluster.signaling.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.mscluster.cluster.directory.RoomDirectory;
import org.mscluster.cluster.mesh.MeshHandler;
import org.mscluster.cluster.mesh.NodeMesh;
import org.mscluster.cluster.mesh.NotListeningException;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomLeg;
import org.mscluster.cluster.registry.NodeRegistry;
import org.mscluster.signaling.json.Json;
import org.mscluster.signaling.room.Cascade;
import org.mscluster.signaling.room.Room;
import org.mscluster.signaling.room.RoomRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's side of rooms across nodes: how its room legs reach the legs on other nodes (the
 * cluster's node mesh, the room directory's legs), and the node-wide duties no single room can do:
 * routing what other nodes send to the right room, noticing a node that is gone (its legs are dropped
 * by every room here: a killed node within about a second and a half, as nobody listens on its mesh
 * channel any more; a stalled or cut-off one when it has been missing from the registry for two looks
 * half a second apart while this node itself is listed), looking for legs it does not know every 5 s, and
 * exchanging whole states with the known ones when the mesh comes back after an outage and every
 * 30 s, which heals any message the mesh lost (Redis restarting: pipes are direct between workers, so
 * media keeps flowing meanwhile, and nothing is torn down while the registry cannot be read).
 */
public final class ClusterCascade implements Cascade, MeshHandler, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterCascade.class);
    /** How long a leg waits for another node's answer (piping a producer: a few worker requests there). */
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final long LIVENESS_MS = 500;
    private static final long DISCOVERY_MS = 5_000;
    /** Every leg sends its whole state to the others this often, healing any message the mesh lost. */
    private static final long RESYNC_MS = 30_000;

    private final String nodeId;
    private final NodeMesh mesh;
    private final RoomDirectory directory;
    private final NodeRegistry registry;
    private final RoomRegistry rooms;
    private final Executor io;
    private final ScheduledExecutorService scheduler;
    /** Nodes with legs here that did not listen on the mesh when pinged, and how many times in a row. */
    private final Map<String, Integer> silent = new HashMap<>();
    private static final Duration PING_TIMEOUT = Duration.ofMillis(400);
    /** Nodes with legs here seen missing from the registry, and in how many ticks in a row. */
    private final Map<String, Integer> missing = new HashMap<>();
    /** Peer counts of this node's legs not yet written to the directory. */
    private final Map<RoomKey, Integer> unreported = new ConcurrentHashMap<>();
    private final List<ScheduledFuture<?>> tasks;
    private final NodeMesh.Subscription subscription;
    private long ticks;
    /** Whether the mesh reached this node at the last tick: a return after an outage means a resync. */
    private boolean meshWasActive = true;
    /** Whether the registry listed this node at the last tick. */
    private boolean selfWasLive = true;
    /** Answers the node-to-node egress requests ({@code egress.*}): what an egress-only node runs for others. */
    private volatile Function<ObjectNode, CompletionStage<ObjectNode>> egressRequests;

    /**
     * Starts listening to the mesh and the periodic duties.
     *
     * @param io runs directory reads and writes off the room threads
     * @param scheduler runs the periodic duties (they may block on the registry briefly)
     */
    public ClusterCascade(String nodeId, NodeMesh mesh, RoomDirectory directory, NodeRegistry registry, RoomRegistry rooms,
            Executor io, ScheduledExecutorService scheduler) {
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.mesh = Objects.requireNonNull(mesh, "mesh");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.registry = Objects.requireNonNull(registry, "registry");
        this.rooms = Objects.requireNonNull(rooms, "rooms");
        this.io = Objects.requireNonNull(io, "io");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.subscription = mesh.listen(nodeId, this);
        this.tasks = List.of(scheduler.scheduleWithFixedDelay(this::tick, LIVENESS_MS, LIVENESS_MS, TimeUnit.MILLISECONDS),
                scheduler.scheduleWithFixedDelay(this::flushPeers, 250, 250, TimeUnit.MILLISECONDS));
    }

    @Override
    public String nodeId() {
        return nodeId;
    }

    @Override
    public CompletableFuture<List<RoomLeg>> otherLegs(RoomKey room) {
        return CompletableFuture.supplyAsync(() -> directory.legs(room).stream()
                .filter(leg -> !leg.nodeId().equals(nodeId)).toList(), io);
    }

    @Override
    public CompletableFuture<List<RoomLeg>> legs(RoomKey room) {
        return CompletableFuture.supplyAsync(() -> directory.legs(room), io);
    }

    @Override
    public void send(String to, ObjectNode message) {
        mesh.send(nodeId, to, Json.write(message));
    }

    @Override
    public CompletableFuture<ObjectNode> request(String to, ObjectNode message) {
        return request(to, message, REQUEST_TIMEOUT);
    }

    /** A request to another node's mesh handler (a leg, or its egress handler), answered within {@code timeout}. */
    public CompletableFuture<ObjectNode> request(String to, ObjectNode message, Duration timeout) {
        return mesh.request(nodeId, to, Json.write(message), timeout).thenApply(ClusterCascade::parse);
    }

    /**
     * Requests from other nodes whose {@code type} starts with {@code egress.} go to {@code handler} (set before
     * serving); without one they fail.
     */
    public void egressRequests(Function<ObjectNode, CompletionStage<ObjectNode>> handler) {
        this.egressRequests = handler;
    }

    @Override
    public void reportPeers(RoomKey room, int peers) {
        unreported.put(room, peers);
    }

    // --- from other nodes -----------------------------------------------------------------------

    @Override
    public void onMessage(String from, String body) {
        ObjectNode message;
        RoomKey key;
        try {
            message = parse(body);
            key = RoomKey.decode(message.path("room").asText());
        } catch (RuntimeException e) {
            LOG.warn("node {}: ignored a malformed message from node {}: {}", nodeId, from, e.getMessage());
            return;
        }
        Optional<Room> room = rooms.find(key);
        if (room.isPresent()) {
            room.get().onLegMessage(from, message);
        } else if ("hello".equals(message.path("type").asText())) {
            // No leg of that room here (closed, or not open yet): the greeter forgets us until it sees us again.
            ObjectNode closed = Json.object().put("type", "closed").put("room", key.encoded());
            send(from, closed);
        }
    }

    @Override
    public CompletionStage<String> onRequest(String from, String body) {
        ObjectNode request;
        RoomKey key;
        try {
            request = parse(body);
            if ("ping".equals(request.path("type").asText())) {
                return CompletableFuture.completedFuture("{}");
            }
            if (request.path("type").asText().startsWith("egress.")) {
                var handler = egressRequests;
                if (handler == null) {
                    return CompletableFuture.failedFuture(new IllegalStateException("node " + nodeId + " runs no egress for others"));
                }
                return handler.apply(request).thenApply(Json::write);
            }
            key = RoomKey.decode(request.path("room").asText());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return rooms.find(key)
                .map(room -> room.onLegRequest(from, request).thenApply(Json::write))
                .orElseGet(() -> CompletableFuture.failedFuture(new IllegalStateException("no leg of " + key + " on " + nodeId)));
    }

    private static ObjectNode parse(String body) {
        try {
            JsonNode node = Json.MAPPER.readTree(body);
            if (!(node instanceof ObjectNode object)) {
                throw new IllegalArgumentException("not a JSON object");
            }
            return object;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage(), e);
        }
    }

    // --- node-wide duties -----------------------------------------------------------------------

    private void tick() {
        try {
            List<Room> open = rooms.rooms();
            boolean meshActive = subscription.active();
            if (meshActive && !meshWasActive) {
                LOG.info("node {}: the mesh is back; {} rooms exchange their state with their other legs again", nodeId,
                        open.size());
                open.forEach(Room::resyncLegs);
            }
            meshWasActive = meshActive;
            Set<String> nodes = new HashSet<>();
            for (Room room : open) {
                try {
                    nodes.addAll(room.legPipes().get(1, TimeUnit.SECONDS).keySet());
                } catch (Exception e) {
                    // a busy room answers next time
                }
            }
            boolean selfLive;
            try {
                selfLive = registry.isLive(nodeId);
            } catch (RuntimeException e) {
                return; // the registry is unreachable: nobody is declared gone on no evidence
            }
            if (selfLive && !selfWasLive) {
                // Back in the registry after missing from it (a stall, a partition, Redis restarted empty): the
                // other legs may have dropped ours meanwhile. Greeting them again heals it now, not when they
                // next look for legs.
                LOG.info("node {}: listed again; {} rooms exchange their state with their other legs", nodeId, open.size());
                open.forEach(Room::resyncLegs);
            }
            selfWasLive = selfLive;
            missing.keySet().retainAll(nodes);
            silent.keySet().retainAll(nodes);
            for (String other : nodes) {
                boolean live;
                try {
                    live = registry.isLive(other);
                } catch (RuntimeException e) {
                    return;
                }
                // Missing while this node is listed, twice in a row: a Redis that restarted empty lists
                // nobody until each node's next report (within a second), which is no evidence of death.
                if (live || !selfLive) {
                    missing.remove(other);
                } else if (missing.merge(other, 1, Integer::sum) >= 2) {
                    gone(open, other);
                    continue;
                }
                ping(other, meshActive);
            }
            ticks++;
            if (ticks % (RESYNC_MS / LIVENESS_MS) == 0) {
                open.forEach(Room::resyncLegs);
            } else if (ticks % (DISCOVERY_MS / LIVENESS_MS) == 0) {
                open.forEach(Room::discoverLegs);
            }
            if (ticks % (DISCOVERY_MS / LIVENESS_MS) == 0) {
                // Rewritten now and then, not only on joins and leaves: a leg re-asserted after Redis lost it
                // starts from no peers, and placement would overfill it.
                open.stream().filter(room -> !room.mediaOnly())
                        .forEach(room -> unreported.putIfAbsent(room.key(), room.peerCount()));
            }
        } catch (RuntimeException e) {
            LOG.warn("node {}: cascade duties failed: {}", nodeId, e.toString());
        }
    }

    /**
     * Asks {@code other} whether it still listens on the mesh. A killed node's connection to Redis closes
     * with its process, so nobody listens on its channel a moment later: three times in a row, half a
     * second apart, while this node's own subscription is up, is gone, seconds before its registry lease
     * runs out. After a Redis restart every node subscribes again within half a second of the others, so
     * a full second of silence is not that. A mesh that cannot be reached, or an answer that is only late
     * (a stalled node), proves nothing.
     */
    private void ping(String other, boolean meshActive) {
        if (!meshActive) {
            silent.remove(other);
            return;
        }
        mesh.request(nodeId, other, "{\"type\":\"ping\"}", PING_TIMEOUT).whenComplete((answer, error) -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            try {
                scheduler.execute(() -> pinged(other, cause));
            } catch (RejectedExecutionException e) {
                // closing
            }
        });
    }

    private void pinged(String other, Throwable failure) {
        if (failure instanceof NotListeningException && subscription.active()) {
            if (silent.merge(other, 1, Integer::sum) >= 3) {
                gone(rooms.rooms(), other);
            }
        } else if (failure == null) {
            silent.remove(other);
        }
    }

    private void gone(List<Room> open, String other) {
        missing.remove(other);
        silent.remove(other);
        LOG.info("node {}: node {} is gone, dropping its legs", nodeId, other);
        open.forEach(room -> room.legLost(other));
    }

    private void flushPeers() {
        for (RoomKey room : Set.copyOf(unreported.keySet())) {
            Integer peers = unreported.remove(room);
            if (peers == null) {
                continue;
            }
            try {
                directory.reportLegPeers(room, nodeId, peers);
            } catch (RuntimeException e) {
                LOG.debug("room {}: leg peers not written: {}", room, e.toString());
            }
        }
    }

    @Override
    public void close() {
        tasks.forEach(task -> task.cancel(false));
        subscription.close();
    }
}
