package org.mscluster.cluster.status;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.mscluster.cluster.directory.RoomDirectory;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.registry.NodeRegistry;

/**
 * The whole cluster at a glance, for {@code mscluster status} and {@code /api/cluster}: every live
 * node with its identity, load and rooms.
 */
public final class ClusterStatus {
    private final NodeRegistry registry;
    private final RoomDirectory directory;

    public ClusterStatus(NodeRegistry registry, RoomDirectory directory) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    /** Every live node with all its rooms, ordered by node id; for the cluster operator. */
    public List<NodeStatus> snapshot() {
        return registry.liveNodes().stream().map(n -> new NodeStatus(n, directory.roomsOf(n.id()))).toList();
    }

    /**
     * Every live node, but only the rooms of {@code namespace}: what a namespace's own admin may
     * see, since namespaces never see each other's rooms.
     */
    public List<NodeStatus> snapshot(String namespace) {
        return registry.liveNodes().stream().map(n -> new NodeStatus(n, roomsIn(n, namespace))).toList();
    }

    private Map<RoomKey, Integer> roomsIn(NodeSnapshot node, String namespace) {
        return directory.roomsOf(node.id()).entrySet().stream()
                .filter(e -> e.getKey().namespace().equals(namespace))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }
}
