package org.mscluster.signaling.admin;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.command.ActionResult;
import org.mscluster.cluster.command.AdminCommand;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomKey;

/**
 * Admin actions from a dispatcher: the room's node (from the nodes' reports, else the room directory)
 * gets the command on the cluster's command channel, and this waits for its answer (2 s at most).
 * Draining also marks the node draining in the registry, which the node follows even if it missed the
 * command.
 */
public final class ClusterAdminActions implements AdminActions {

    /** How long the dispatcher waits for the node's answer. */
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(2);

    private final ClusterStore store;
    private final ClusterSource cluster;
    private final Executor executor;

    /** @param executor where the blocking round trips run (never an event loop) */
    public ClusterAdminActions(ClusterStore store, ClusterSource cluster, Executor executor) {
        this.store = store;
        this.cluster = cluster;
        this.executor = executor;
    }

    @Override
    public CompletionStage<ActionResult> closeRoom(RoomKey room) {
        return onHost(room, AdminCommand.close(room));
    }

    @Override
    public CompletionStage<ActionResult> kick(RoomKey room, String peerId) {
        return onHost(room, AdminCommand.kick(room, peerId));
    }

    @Override
    public CompletionStage<ActionResult> drain(String nodeId) {
        return CompletableFuture.supplyAsync(() -> {
            if (!store.registry().setState(nodeId, NodeState.DRAINING)) {
                return ActionResult.notFound("no node " + nodeId);
            }
            // The registry is the truth; the command only makes the node notice at once.
            store.commands().post(nodeId, AdminCommand.drain());
            return ActionResult.done("node " + nodeId + " draining");
        }, executor);
    }

    private CompletionStage<ActionResult> onHost(RoomKey room, AdminCommand command) {
        return cluster.reports().thenApplyAsync(reports -> {
            Optional<String> host = hostOf(reports, room);
            if (host.isEmpty()) {
                // A room younger than the last report: the directory knows its node already.
                host = store.directory().lookup(room).map(placement -> placement.nodeId());
            }
            if (host.isEmpty()) {
                return ActionResult.notFound("no room " + room.roomId() + " in namespace " + room.namespace());
            }
            return store.commands().send(host.get(), command, ANSWER_TIMEOUT);
        }, executor);
    }

    private static Optional<String> hostOf(List<NodeReport> reports, RoomKey room) {
        return reports.stream()
                .filter(report -> report.rooms().stream().anyMatch(r -> r.key().equals(room)))
                .map(NodeReport::nodeId)
                .findFirst();
    }
}
