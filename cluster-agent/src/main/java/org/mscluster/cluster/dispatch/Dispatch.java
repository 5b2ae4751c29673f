package org.mscluster.cluster.dispatch;

import java.util.Objects;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.RoomPlacement;

/**
 * The answer to "where does this client go": the room's placement and the identity of the node
 * hosting it, whose signaling URL the redirect points at.
 *
 * @param newlyPlaced true when this call created the placement (the client is the room's first)
 */
public record Dispatch(RoomPlacement placement, NodeIdentity node, boolean newlyPlaced) {
    public Dispatch {
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(node, "node");
        if (!placement.nodeId().equals(node.id())) {
            throw new IllegalArgumentException("placement on " + placement.nodeId() + " but node " + node.id());
        }
    }
}
