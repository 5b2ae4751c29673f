package org.mscluster.signaling.egress;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.mscluster.cluster.mesh.NotListeningException;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.RegionPath;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.placement.EgressPlacement;
import org.mscluster.cluster.registry.NodeRegistry;
import org.mscluster.signaling.cluster.ClusterCascade;
import org.mscluster.signaling.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A media node's side of egress-only nodes: picks one for a new egress of a room hosted here
 * ({@link EgressPlacement}, from the registry's live nodes), asks it over the node mesh to run the egress
 * ({@code egress.start}: it opens a media-only leg of the room, which the cascade feeds through a pipe
 * transport), and follows each such egress every second ({@code egress.get}), so that this node answers for
 * it. An egress node that stops listening on the mesh three asks in a row, or leaves the registry, is dead:
 * its egresses here become {@code failed} with the reason, and the room's leg toward it is dropped at once
 * (its pipe transport and pipe consumers closed), without waiting for the cascade's own liveness check.
 */
public final class EgressNodes implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EgressNodes.class);
    /** The egress node answers {@code egress.start} at once; opening the leg goes on after. */
    static final Duration REQUEST_TIMEOUT = Duration.ofMillis(1500);
    static final Duration POLL = Duration.ofSeconds(1);
    static final int KEPT = 1000;

    private final String nodeId;
    private final Supplier<RegionPath> region;
    private final ClusterCascade cascade;
    private final NodeRegistry registry;
    private final EgressPlacement placement;
    private final ScheduledExecutorService timers;
    private final Clock clock;
    /** Told of an egress node found dead, for each room with an egress there: drops the room's leg there. */
    private final java.util.function.BiConsumer<RoomKey, String> legLost;
    private final Map<String, RemoteEgress> egresses = new LinkedHashMap<>();
    private volatile Consumer<RemoteEgress> onLost = egress -> { };
    private final ScheduledFuture<?> follow;

    public EgressNodes(String nodeId, Supplier<RegionPath> region, ClusterCascade cascade, NodeRegistry registry,
            EgressPlacement placement, ScheduledExecutorService timers, Clock clock,
            java.util.function.BiConsumer<RoomKey, String> legLost) {
        this.nodeId = nodeId;
        this.region = region;
        this.cascade = cascade;
        this.registry = registry;
        this.placement = placement;
        this.timers = timers;
        this.clock = clock;
        this.legLost = legLost;
        this.follow = timers.scheduleWithFixedDelay(this::followAll, POLL.toMillis(), POLL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Told once of each egress failed here because its egress node died (webhooks: that node cannot send them). */
    void onLost(Consumer<RemoteEgress> listener) {
        this.onLost = listener;
    }

    /** The egress-only node a new egress of {@code room} goes to, if a live one can take it. */
    public Optional<String> choose(RoomKey room) {
        List<NodeSnapshot> live;
        try {
            live = registry.liveNodes().stream().filter(n -> !n.id().equals(nodeId)).toList();
        } catch (RuntimeException e) {
            LOG.warn("room {}: the registry is unreadable ({}); its egress runs here", room, e.toString());
            return Optional.empty();
        }
        return placement.choose(live, room, region.get()).map(NodeSnapshot::id);
    }

    /** Asks {@code node} to run the egress; completes once it took it (status {@code starting}). */
    public CompletableFuture<RemoteEgress> start(RoomKey room, EgressRequest request, String egressId, String node) {
        ObjectNode message = Json.object().put("type", "egress.start").put("room", room.encoded()).put("egressId", egressId)
                .put("host", nodeId);
        message.set("request", Json.tree(request));
        return cascade.request(node, message, REQUEST_TIMEOUT).thenApply(answer -> {
            RemoteEgress egress = new RemoteEgress(egressId, room, node, answer, clock, why -> stop(node, egressId, why));
            synchronized (this) {
                egresses.put(egressId, egress);
                while (egresses.size() > KEPT) {
                    String oldest = egresses.keySet().iterator().next();
                    egresses.remove(oldest);
                }
            }
            LOG.info("egress {} of room {}: runs on egress node {}", egressId, room, node);
            return egress;
        });
    }

    public synchronized Optional<RemoteEgress> find(String egressId) {
        return Optional.ofNullable(egresses.get(egressId));
    }

    public synchronized List<RemoteEgress> list(RoomKey room) {
        return egresses.values().stream().filter(e -> e.room().equals(room)).toList();
    }

    private void stop(String node, String egressId, String why) {
        ObjectNode message = Json.object().put("type", "egress.stop").put("egressId", egressId).put("why", why);
        cascade.request(node, message, REQUEST_TIMEOUT).whenComplete((answer, error) -> {
            if (error != null) {
                LOG.warn("egress {}: node {} did not take the stop: {}", egressId, node, error.toString());
            } else {
                find(egressId).ifPresent(egress -> egress.update(answer));
            }
        });
    }

    private void followAll() {
        List<RemoteEgress> running;
        synchronized (this) {
            running = new ArrayList<>(egresses.values().stream().filter(e -> !e.status().finished()).toList());
        }
        for (RemoteEgress egress : running) {
            ObjectNode message = Json.object().put("type", "egress.get").put("egressId", egress.id());
            cascade.request(egress.nodeId(), message, POLL).whenComplete((answer, error) -> {
                if (error == null) {
                    egress.update(answer);
                } else {
                    lost(egress, error instanceof CompletionException && error.getCause() != null ? error.getCause() : error);
                }
            });
        }
    }

    /** An unanswered ask: dead after three in a row on a silent channel, or when the registry no longer lists it. */
    private void lost(RemoteEgress egress, Throwable error) {
        boolean listed;
        try {
            listed = registry.isLive(egress.nodeId());
        } catch (RuntimeException e) {
            return; // the registry is unreachable: no evidence either way
        }
        String reason = null;
        if (!listed) {
            reason = "egress node " + egress.nodeId() + " left the cluster (its registry lease ran out)";
        } else if (error instanceof NotListeningException) {
            synchronized (egress) {
                egress.silent++;
                if (egress.silent >= 3) {
                    reason = "egress node " + egress.nodeId() + " is gone (nobody listens on its mesh channel)";
                }
            }
        } else {
            LOG.debug("egress {}: node {} did not answer: {}", egress.id(), egress.nodeId(), error.toString());
        }
        if (reason != null && egress.fail(reason + "; the recording ended there")) {
            LOG.warn("egress {} of room {}: failed: {}", egress.id(), egress.room(), reason);
            legLost.accept(egress.room(), egress.nodeId());
            onLost.accept(egress);
        }
    }

    @Override
    public void close() {
        follow.cancel(false);
    }
}
