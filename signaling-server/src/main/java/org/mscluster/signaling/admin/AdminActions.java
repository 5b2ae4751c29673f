package org.mscluster.signaling.admin;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mscluster.cluster.command.ActionResult;
import org.mscluster.cluster.model.RoomKey;

/**
 * What an admin can do, wherever the room or node is: directly on the node that hosts it
 * ({@link LocalNodeAdmin}), or from a dispatcher through the cluster's command channel
 * ({@link ClusterAdminActions}). Each completes once the action took effect (or is known to fail).
 */
public interface AdminActions {

    /** Closes the room; its peers are disconnected with 4000 (no reconnect). */
    CompletionStage<ActionResult> closeRoom(RoomKey room);

    /** Disconnects one peer with 4000 (no reconnect). */
    CompletionStage<ActionResult> kick(RoomKey room, String peerId);

    /** The node takes no new rooms from now on; its rooms go on. */
    CompletionStage<ActionResult> drain(String nodeId);

    /**
     * The worker's own view of the room's router on this node ({@code router.dump()}: transports,
     * producers and their consumers), for finding what a room left behind; empty when the room is not
     * open here. Only a node has routers: elsewhere, empty.
     */
    default CompletionStage<Optional<Object>> routerDump(RoomKey room) {
        return CompletableFuture.completedFuture(Optional.empty());
    }
}
