package org.mscluster.signaling.admin;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.directory.RoomDirectory;
import org.mscluster.cluster.redis.KeySpace;
import org.mscluster.cluster.registry.NodeRegistry;
import org.mscluster.signaling.operations.NodeReport;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.KeyValue;

/**
 * Admin actions from a dispatcher: the room's node (from the nodes' reports, else the room directory) gets the command on its
 * Redis channel and answers on a reply list, which this waits for (2 s at most). Draining also marks the
 * node draining in the registry, which the node follows even if it missed the command.
 */
public final class RedisAdminActions implements AdminActions {

    /** How long the dispatcher waits for the node's answer, in seconds. */
    private static final double ANSWER_TIMEOUT_SECONDS = 2.0;

    private final UnifiedJedis redis;
    private final KeySpace keys;
    private final NodeRegistry registry;
    private final RoomDirectory directory;
    private final ClusterSource cluster;
    private final Executor executor;

    /** @param executor where the blocking round trips run (never an event loop) */
    public RedisAdminActions(UnifiedJedis redis, KeySpace keys, NodeRegistry registry, RoomDirectory directory,
            ClusterSource cluster, Executor executor) {
        this.redis = redis;
        this.keys = keys;
        this.registry = registry;
        this.directory = directory;
        this.cluster = cluster;
        this.executor = executor;
    }

    @Override
    public CompletionStage<ActionResult> closeRoom(RoomKey room) {
        return onHost(room, null, AdminCommand.CLOSE);
    }

    @Override
    public CompletionStage<ActionResult> kick(RoomKey room, String peerId) {
        return onHost(room, peerId, AdminCommand.KICK);
    }

    @Override
    public CompletionStage<ActionResult> drain(String nodeId) {
        return CompletableFuture.supplyAsync(() -> {
            if (!registry.setState(nodeId, NodeState.DRAINING)) {
                return ActionResult.notFound("no node " + nodeId);
            }
            // The registry is the truth; the command only makes the node notice at once.
            redis.publish(keys.nodeCommands(nodeId),
                    new AdminCommand(UUID.randomUUID().toString(), AdminCommand.DRAIN, null, null, null).encode());
            return ActionResult.done("node " + nodeId + " draining");
        }, executor);
    }

    private CompletionStage<ActionResult> onHost(RoomKey room, String peerId, String action) {
        return cluster.reports().thenApplyAsync(reports -> {
            Optional<String> host = hostOf(reports, room);
            if (host.isEmpty()) {
                // A room younger than the last report: the directory knows its node already.
                host = directory.lookup(room).map(placement -> placement.nodeId());
            }
            if (host.isEmpty()) {
                return ActionResult.notFound("no room " + room.roomId() + " in namespace " + room.namespace());
            }
            return send(host.get(), new AdminCommand(UUID.randomUUID().toString(), action, room.namespace(), room.roomId(),
                    peerId));
        }, executor);
    }

    private static Optional<String> hostOf(List<NodeReport> reports, RoomKey room) {
        return reports.stream()
                .filter(report -> report.rooms().stream().anyMatch(r -> r.key().equals(room)))
                .map(NodeReport::nodeId)
                .findFirst();
    }

    /** Publishes the command to the node and waits for its answer. */
    private ActionResult send(String nodeId, AdminCommand command) {
        long listeners = redis.publish(keys.nodeCommands(nodeId), command.encode());
        if (listeners == 0) {
            return new ActionResult(503, "node " + nodeId + " does not take commands now");
        }
        KeyValue<String, String> answer = redis.blpop(ANSWER_TIMEOUT_SECONDS, keys.commandReply(command.id()));
        return answer == null ? new ActionResult(504, "node " + nodeId + " did not answer in time")
                : AdminCommand.decodeResult(answer.getValue());
    }
}
