package org.mscluster.cluster.dispatch;

import java.util.Objects;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.RoomPlacement;

/**
 * The answer to "where does this client go": the room's placement and the identity of the node
 * hosting it, whose signaling URL the redirect points at. With cascade the placement is the leg the
 * client joins: its node and worker, which need not be the room's entry.
 *
 * @param newlyPlaced true when this call created the placement (the client is the room's first)
 * @param newLeg true when this call opened a new leg of a room that already had live legs elsewhere
 *     (cascade): the client is the leg's first, and the leg's node should pipe media with the others
 */
public record Dispatch(RoomPlacement placement, NodeIdentity node, boolean newlyPlaced, boolean newLeg) {
    public Dispatch {
        Objects.requireNonNull(placement, "placement");
        Objects.requireNonNull(node, "node");
        if (!placement.nodeId().equals(node.id())) {
            throw new IllegalArgumentException("placement on " + placement.nodeId() + " but node " + node.id());
        }
        if (newlyPlaced && newLeg) {
            throw new IllegalArgumentException("a new room is not a new leg of one");
        }
    }

    /** A dispatch into the room's one leg (no cascade). */
    public Dispatch(RoomPlacement placement, NodeIdentity node, boolean newlyPlaced) {
        this(placement, node, newlyPlaced, false);
    }
}
