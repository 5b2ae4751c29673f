package org.mscluster.cluster.dispatch;

import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.RoomKey;

/**
 * Asks a node directly, not through the store, whether it hosts a room: for a room whose entry names
 * a node that dropped out of the registry lately, which may be cut off from the store rather than
 * dead. Must answer within a short timeout, false when the node does not answer.
 */
@FunctionalInterface
public interface OwnerProbe {

    /** No probing: a room whose owner dropped out is placed afresh at once. */
    OwnerProbe NONE = (node, room) -> false;

    /** Whether {@code node} answers that it hosts {@code room} now. */
    boolean hostsRoom(NodeIdentity node, RoomKey room);
}
