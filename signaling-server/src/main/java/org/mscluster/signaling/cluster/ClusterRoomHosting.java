package org.mscluster.signaling.cluster;

import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.mscluster.cluster.dispatch.Dispatch;
import org.mscluster.cluster.dispatch.DispatchPipeline;
import org.mscluster.cluster.dispatch.NoNodeAvailableException;
import org.mscluster.cluster.locate.ClientLocator;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.signaling.hosting.ClientHints;
import org.mscluster.signaling.hosting.HostingDecision;
import org.mscluster.signaling.hosting.RoomHosting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's answer to "which worker hosts this room", on a node: the room directory decides,
 * through the same {@link org.mscluster.cluster.dispatch.RoomPlacer} the dispatchers use. A room the
 * directory gives this node is hosted here on the directory's worker; a room held by another node,
 * or placed on another node because it is new and that node suits its first user better (or this one
 * is draining), is a redirect there.
 *
 * <p>When the directory cannot be reached (Redis restarting), a room this node is already hosting
 * stays here: its peers reconnecting is what the outage must not break, and the directory is rebuilt
 * from the nodes' own rooms once Redis is back.
 */
public final class ClusterRoomHosting implements RoomHosting {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterRoomHosting.class);

    private final String nodeId;
    private final DispatchPipeline pipeline;
    private final ClientLocator locator;
    private final Executor io;
    private final Function<RoomKey, Optional<Integer>> hostedWorker;
    private final Predicate<RoomKey> hosts;
    private final Consumer<RoomKey> releaser;
    private final boolean cascade;

    /**
     * @param io runs directory writes (releases) off the room threads
     * @param hostedWorker the worker of a room open here, if it is
     * @param hosts true for a room this node is opening or has open
     * @param releaser removes this node's directory entry for a room
     */
    public ClusterRoomHosting(String nodeId, DispatchPipeline pipeline, ClientLocator locator, Executor io,
            Function<RoomKey, Optional<Integer>> hostedWorker, Predicate<RoomKey> hosts, Consumer<RoomKey> releaser) {
        this(nodeId, pipeline, locator, io, hostedWorker, hosts, releaser, false);
    }

    /**
     * @param cascade rooms span nodes: a peer that reaches a node with a leg of its room stays on that leg
     *     (whoever sent it here chose the leg; deciding again could only bounce it between legs)
     */
    public ClusterRoomHosting(String nodeId, DispatchPipeline pipeline, ClientLocator locator, Executor io,
            Function<RoomKey, Optional<Integer>> hostedWorker, Predicate<RoomKey> hosts, Consumer<RoomKey> releaser,
            boolean cascade) {
        this.cascade = cascade;
        this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
        this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
        this.locator = Objects.requireNonNull(locator, "locator");
        this.io = Objects.requireNonNull(io, "io");
        this.hostedWorker = Objects.requireNonNull(hostedWorker, "hostedWorker");
        this.hosts = Objects.requireNonNull(hosts, "hosts");
        this.releaser = Objects.requireNonNull(releaser, "releaser");
    }

    @Override
    public CompletionStage<HostingDecision> locate(RoomKey room, ClientHints hints) {
        if (cascade) {
            Optional<Integer> leg = hostedWorker.apply(room);
            if (leg.isPresent()) {
                return CompletableFuture.completedFuture(new HostingDecision.Local(leg.get()));
            }
        }
        return decide(room, hints);
    }

    /** The placer's decision, even for a room with a leg here: a draining node's placement looks elsewhere first. */
    @Override
    public CompletionStage<HostingDecision> relocate(RoomKey room, ClientHints hints) {
        return decide(room, hints);
    }

    private CompletionStage<HostingDecision> decide(RoomKey room, ClientHints hints) {
        ClientInfo client;
        try {
            client = locator.locate(hints.region(), hints.isp(), hints.address());
        } catch (IllegalArgumentException e) {
            client = ClientInfo.unknown(); // a bad region hint must not keep anybody out of a room
        }
        return pipeline.dispatch(room, client).handle((dispatch, error) -> {
            if (error == null) {
                return decision(room, dispatch);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            Optional<Integer> hosted = hostedWorker.apply(room);
            if (!(cause instanceof NoNodeAvailableException) && hosted.isPresent()) {
                LOG.warn("room {}: directory unreachable ({}); its peers stay on this node", room, cause.toString());
                return new HostingDecision.Local(hosted.get());
            }
            throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        });
    }

    private HostingDecision decision(RoomKey room, Dispatch dispatch) {
        int worker = dispatch.placement().workerIndex();
        if (dispatch.node().id().equals(nodeId)) {
            return new HostingDecision.Local(worker, dispatch.newLeg() && !dispatch.newlyPlaced());
        }
        String reason = dispatch.newlyPlaced() ? "room placed on node " + dispatch.node().id()
                : "room hosted on node " + dispatch.node().id();
        return new HostingDecision.Elsewhere(dispatch.node().id(), dispatch.node().signalingUrl(), worker, reason);
    }

    /**
     * The room closed here: remove its directory entry, unless a new room of the same name has opened
     * here meanwhile (a peer arriving as the last one left), which keeps the entry.
     */
    @Override
    public void release(RoomKey room) {
        io.execute(() -> {
            if (hosts.test(room)) {
                LOG.debug("room {}: closed and opened again here, keeping its directory entry", room);
                return;
            }
            try {
                releaser.accept(room);
            } catch (RuntimeException e) {
                // The reconciler releases it later; a Redis restart forgets it anyway.
                LOG.warn("room {}: could not release its directory entry: {}", room, e.toString());
            }
        });
    }
}
