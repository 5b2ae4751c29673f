package org.mscluster.signaling.admin;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

    /** Closes every leg of the room (one, without cascade). */
    @Override
    public CompletionStage<ActionResult> closeRoom(RoomKey room) {
        return cluster.reportsOf(room).thenApplyAsync(reports -> {
            List<String> hosts = hostsOf(reports, room, null);
            if (hosts.isEmpty()) {
                return noRoom(room);
            }
            ActionResult failure = null;
            int closed = 0;
            for (String host : hosts) {
                ActionResult result = store.commands().send(host, AdminCommand.close(room), ANSWER_TIMEOUT);
                if (result.ok()) {
                    closed++;
                } else if (failure == null || failure.status() == 404) {
                    failure = result;
                }
            }
            if (closed == 0) {
                return failure;
            }
            return ActionResult.done("room " + room.roomId() + " closed" + (hosts.size() > 1 ? " on " + closed + " nodes" : ""));
        }, executor);
    }

    /** Kicks the peer on the leg it is on: the node whose report lists it first, then the room's other legs. */
    @Override
    public CompletionStage<ActionResult> kick(RoomKey room, String peerId) {
        return cluster.reportsOf(room).thenApplyAsync(reports -> {
            List<String> hosts = hostsOf(reports, room, peerId);
            if (hosts.isEmpty()) {
                return noRoom(room);
            }
            ActionResult last = null;
            for (String host : hosts) {
                last = store.commands().send(host, AdminCommand.kick(room, peerId), ANSWER_TIMEOUT);
                if (last.status() != 404) {
                    return last;
                }
            }
            return last;
        }, executor);
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

    /**
     * The nodes holding a leg of the room: from the reports (those listing {@code peerId} first), then
     * the directory, which knows legs younger than the last reports.
     */
    private List<String> hostsOf(List<NodeReport> reports, RoomKey room, String peerId) {
        Set<String> hosts = new LinkedHashSet<>();
        for (NodeReport report : reports) {
            if (peerId != null && report.rooms().stream().anyMatch(r -> r.key().equals(room)
                    && r.peers().stream().anyMatch(p -> p.id().equals(peerId)))) {
                hosts.add(report.nodeId());
            }
        }
        for (NodeReport report : reports) {
            if (report.rooms().stream().anyMatch(r -> r.key().equals(room))) {
                hosts.add(report.nodeId());
            }
        }
        store.directory().legs(room).forEach(leg -> hosts.add(leg.nodeId()));
        if (hosts.isEmpty()) {
            store.directory().lookup(room).ifPresent(placement -> hosts.add(placement.nodeId()));
        }
        return List.copyOf(hosts);
    }

    private static ActionResult noRoom(RoomKey room) {
        return ActionResult.notFound("no room " + room.roomId() + " in namespace " + room.namespace());
    }
}
