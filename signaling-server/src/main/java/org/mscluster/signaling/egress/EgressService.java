package org.mscluster.signaling.egress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.signaling.json.Json;
import org.mscluster.signaling.room.Room;
import org.mscluster.signaling.room.RoomRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An egress-only node's side ({@code --egress-only}): runs the egresses other nodes ask for over the node
 * mesh, each on this node's media-only leg of its room ({@link RoomRegistry#openMediaLeg}: the cascade pipes
 * every producer of the room here, and those that come or go later). {@link EgressSession} runs unchanged on
 * that leg.
 *
 * <ul>
 *   <li>{@code egress.start}: answers at once with the egress as {@code starting}, then opens the leg, waits
 *       (up to {@link #READY_MS}) for the room's producers to be piped, and starts the egress; a leg that
 *       cannot be opened fails the egress with the reason;
 *   <li>{@code egress.get}, {@code egress.stop}: the egress's JSON (after stopping it).
 * </ul>
 * A leg closes once its last egress has ended. The leg closing under its egresses (the room closed: they
 * {@code complete}; the room's nodes died: they are {@code aborted}, files finished) is
 * {@link EgressManager#roomFinished}'s.
 */
public final class EgressService implements EgressListener {

    private static final Logger LOG = LoggerFactory.getLogger(EgressService.class);
    static final long READY_MS = 4000;
    private static final int KEPT = 1000;

    private final String nodeId;
    private final RoomRegistry rooms;
    private final EgressManager manager;
    private final Clock clock;
    /** Egresses asked for whose leg is being opened, and those that failed before they could start. */
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    /** How long a drained node waits for the rooms' nodes to hear how its egresses ended (they ask every second). */
    public static final Duration HEARD_WAIT = Duration.ofSeconds(5);
    /**
     * Egresses that ended here whose end no room's node has heard yet: a node that leaves before they ask makes
     * them say {@code failed} ("left the cluster") for an egress that completed.
     */
    private final Set<String> unheard = ConcurrentHashMap.newKeySet();

    private static final class Pending {
        final RoomKey room;
        final Map<String, Object> json;
        String stopped;

        Pending(RoomKey room, Map<String, Object> json) {
            this.room = room;
            this.json = json;
        }
    }

    public EgressService(String nodeId, RoomRegistry rooms, EgressManager manager, Clock clock) {
        this.nodeId = nodeId;
        this.rooms = rooms;
        this.manager = manager;
        this.clock = clock;
        manager.addListener(this);
    }

    /** A request from another node's {@link EgressNodes}. */
    public CompletionStage<ObjectNode> handle(ObjectNode request) {
        try {
            return switch (request.path("type").asText()) {
                case "egress.start" -> start(request);
                case "egress.get" -> CompletableFuture.completedFuture(heard(json(request.path("egressId").asText())));
                case "egress.stop" -> stop(request.path("egressId").asText(), request.path("why").asText("stopped"))
                        .thenApply(this::heard);
                default -> CompletableFuture.failedFuture(new IllegalArgumentException("unknown request "
                        + request.path("type").asText()));
            };
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletionStage<ObjectNode> start(ObjectNode message) {
        RoomKey key = RoomKey.decode(message.path("room").asText());
        String id = message.path("egressId").asText();
        EgressRequest request = EgressRequest.parse(message.path("request"));
        if (manager.find(id).isPresent()) {
            return CompletableFuture.completedFuture(json(id));
        }
        Map<String, Object> json = EgressSession.identityJson(id, key, nodeId, request, EgressStatus.STARTING);
        json.put("createdAt", clock.instant().toString());
        json.put("error", null);
        synchronized (this) {
            pending.put(id, new Pending(key, json));
        }
        LOG.info("egress {} of room {}: asked by node {}", id, key, message.path("host").asText());
        rooms.openMediaLeg(key)
                .thenCompose(room -> room.mediaReady(READY_MS).thenApply(nothing -> room))
                .thenCompose(room -> manager.start(key, request, id))
                .whenComplete((egress, error) -> started(key, id, error));
        return CompletableFuture.completedFuture(json(id));
    }

    private void started(RoomKey key, String id, Throwable error) {
        Pending was;
        synchronized (this) {
            was = pending.get(id);
            if (error == null) {
                pending.remove(id);
            }
        }
        if (error != null) {
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            String reason = "could not start on egress node " + nodeId + ": " + cause.getMessage();
            LOG.warn("egress {} of room {}: {}", id, key, reason);
            synchronized (this) {
                if (was != null) {
                    unheard.add(id);
                    was.json.put("status", EgressStatus.FAILED.value());
                    was.json.put("error", reason);
                    was.json.put("endedAt", clock.instant().toString());
                }
                while (pending.size() > KEPT) {
                    pending.remove(pending.keySet().iterator().next());
                }
            }
            closeLegIfIdle(key);
            return;
        }
        if (was != null && was.stopped != null) {
            manager.find(id).ifPresent(egress -> egress.stop(was.stopped));
        }
    }

    /** The answer tells the asking node how the egress ended: nothing left to wait for. */
    private ObjectNode heard(ObjectNode egress) {
        if (EgressStatus.of(egress.path("status").asText()).map(EgressStatus::finished).orElse(false)) {
            unheard.remove(egress.path("egressId").asText());
        }
        return egress;
    }

    /** Waits until every egress that ended here has been heard of by its room's node, at most {@code timeout}. */
    public boolean awaitHeard(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!unheard.isEmpty()) {
            if (System.nanoTime() >= end) {
                LOG.warn("egresses {}: their rooms' nodes did not ask how they ended within {} s", unheard, timeout.toSeconds());
                return false;
            }
            Thread.sleep(100);
        }
        return true;
    }

    private CompletionStage<ObjectNode> stop(String id, String why) {
        var egress = manager.find(id);
        if (egress.isPresent()) {
            egress.get().stop(why);
        } else {
            synchronized (this) {
                Pending was = pending.get(id);
                if (was != null) {
                    was.stopped = why;
                }
            }
        }
        return CompletableFuture.completedFuture(json(id));
    }

    private ObjectNode json(String id) {
        var egress = manager.find(id);
        if (egress.isPresent()) {
            return (ObjectNode) Json.tree(egress.get().json());
        }
        synchronized (this) {
            Pending was = pending.get(id);
            if (was != null) {
                return (ObjectNode) Json.tree(was.json);
            }
        }
        throw new IllegalArgumentException("no egress " + id + " on node " + nodeId);
    }

    /** An egress ended: its leg closes when no other egress runs on it (the pipes to the room's nodes close with it). */
    @Override
    public void ended(EgressSession egress) {
        if (!egress.source().hostLost()) {
            unheard.add(egress.id()); // (the room's nodes died: nobody is left to ask)
        }
        closeLegIfIdle(egress.room());
    }

    private void closeLegIfIdle(RoomKey key) {
        boolean waiting;
        synchronized (this) {
            waiting = pending.values().stream().anyMatch(p -> p.room.equals(key)
                    && EgressStatus.STARTING.value().equals(p.json.get("status")));
        }
        if (waiting || manager.running().stream().anyMatch(e -> e.room().equals(key))) {
            return;
        }
        rooms.find(key).filter(Room::mediaOnly).ifPresent(room -> {
            LOG.info("room {}: no egress left on its media-only leg, closing it", key);
            room.close("its egresses ended");
        });
    }
}
