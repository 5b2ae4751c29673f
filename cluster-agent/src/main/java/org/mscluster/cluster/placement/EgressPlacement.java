package org.mscluster.cluster.placement;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RegionPath;
import org.mscluster.cluster.model.RoomKey;

/**
 * Which egress-only node ({@code mscluster node start --egress-only}) runs a new egress of a room, from
 * the live nodes the registry lists: a pure function, so that it is unit-tested.
 *
 * <ol>
 *   <li><b>Acceptable</b>: egress-only, up (a draining one finishes its egresses and takes no new one),
 *       serving the room's namespace, with a worker (its router takes the pipes), at or under the CPU and
 *       memory limits of placement (an egress node's CPU counts its ffmpeg processes).
 *   <li><b>Nearest</b> to the node hosting the room: the longest common prefix of the two regions (a pipe
 *       between nodes costs less within a region), then
 *   <li><b>least loaded</b>: lowest CPU, then fewest rooms (each egress's leg is one room there), then id.
 * </ol>
 * None acceptable: empty, and the egress runs on the hosting node as without egress nodes.
 */
public final class EgressPlacement {

    private final PlacementSettings settings;

    public EgressPlacement(PlacementSettings settings) {
        this.settings = settings;
    }

    /**
     * @param nodes the live nodes
     * @param room the room to record or stream
     * @param near the region of the node hosting the room
     */
    public Optional<NodeSnapshot> choose(List<NodeSnapshot> nodes, RoomKey room, RegionPath near) {
        return nodes.stream().filter(n -> acceptable(n, room))
                .min(Comparator.<NodeSnapshot>comparingInt(n -> -n.identity().region().commonPrefixDepth(near))
                        .thenComparingDouble(n -> n.load().cpu())
                        .thenComparingInt(n -> n.load().rooms())
                        .thenComparing(NodeSnapshot::id));
    }

    /** Whether {@code node} may take a new egress of {@code room}. */
    public boolean acceptable(NodeSnapshot node, RoomKey room) {
        var id = node.identity();
        return id.egressOnly() && id.state() == NodeState.UP && id.serves(room.namespace()) && !node.load().workers().isEmpty()
                && node.load().cpu() <= settings.cpuLimit() && node.load().memory() <= settings.memoryLimit();
    }
}
