package org.mscluster.signaling.admin;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.mscluster.cluster.command.ActionResult;
import org.mscluster.cluster.command.AdminCommand;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.signaling.room.Room;
import org.mscluster.signaling.room.RoomRegistry;

/**
 * The admin API of a node, and what it does when the cluster's command channel asks: the node's own
 * latest report, and actions on its rooms directly (they take effect at once; the next report, within a
 * second, shows it). The same on a node alone and on a cluster member.
 */
public final class LocalNodeAdmin implements ClusterSource, AdminActions {

    private final String nodeId;
    private final Supplier<NodeReport> latest;
    private final RoomRegistry rooms;
    private final Runnable drain;

    /** @param drain what draining this node means (a cluster node also tells the registry) */
    public LocalNodeAdmin(String nodeId, Supplier<NodeReport> latest, RoomRegistry rooms, Runnable drain) {
        this.nodeId = nodeId;
        this.latest = latest;
        this.rooms = rooms;
        this.drain = drain;
    }

    @Override
    public CompletionStage<List<NodeReport>> reports() {
        return CompletableFuture.completedFuture(List.of(latest.get()));
    }

    @Override
    public CompletionStage<ActionResult> closeRoom(RoomKey key) {
        return rooms.find(key)
                .map(room -> room.close("closed by an admin").thenApply(nothing -> ActionResult.done("room " + key.roomId()
                        + " closed")))
                .orElseGet(() -> CompletableFuture.completedFuture(noRoom(key)));
    }

    @Override
    public CompletionStage<ActionResult> kick(RoomKey key, String peerId) {
        return rooms.find(key)
                .map((Room room) -> room.kick(peerId, "kicked by an admin").thenApply(kicked -> kicked
                        ? ActionResult.done("peer " + peerId + " kicked")
                        : ActionResult.notFound("no peer " + peerId + " in room " + key.roomId())))
                .orElseGet(() -> CompletableFuture.completedFuture(noRoom(key)));
    }

    @Override
    public CompletionStage<Optional<Object>> routerDump(RoomKey key) {
        return rooms.find(key)
                .map(room -> room.routerDump().<Optional<Object>>thenApply(Optional::of))
                .orElseGet(() -> CompletableFuture.completedFuture(Optional.empty()));
    }

    @Override
    public CompletionStage<ActionResult> drain(String node) {
        if (!nodeId.equals(node)) {
            return CompletableFuture.completedFuture(ActionResult.notFound("no node " + node));
        }
        drain.run();
        return CompletableFuture.completedFuture(ActionResult.done("node " + node + " draining"));
    }

    /** Runs a command the cluster sent this node (a dispatcher's admin API). */
    public CompletionStage<ActionResult> apply(AdminCommand command) {
        return switch (command.action()) {
            case KICK -> kick(command.room(), command.peer());
            case CLOSE -> closeRoom(command.room());
            case DRAIN -> drain(nodeId);
        };
    }

    private static ActionResult noRoom(RoomKey key) {
        return ActionResult.notFound("no room " + key.roomId() + " in namespace " + key.namespace());
    }
}
