package org.mscluster.cluster.status;

import java.util.Map;
import java.util.Objects;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.RoomKey;

/**
 * One live node as {@code mscluster status} and the dashboard show it.
 *
 * @param rooms the rooms the directory assigns to the node, with their worker index
 */
public record NodeStatus(NodeSnapshot node, Map<RoomKey, Integer> rooms) {
    public NodeStatus {
        Objects.requireNonNull(node, "node");
        rooms = Map.copyOf(rooms);
    }
}
