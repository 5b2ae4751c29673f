package org.mscluster.cluster.agent;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.mscluster.cluster.directory.RoomDirectory;
import org.mscluster.cluster.registry.NodeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deletes the directory entries of nodes whose lease ran out.
 *
 * <p>Not needed for correctness: a claim already treats a dead node's entry as free. It keeps
 * Redis from accumulating the rooms of nodes that never come back (autoscaled hosts get new
 * ids), and keeps {@code status} from listing them. Any number of processes may sweep; each
 * departure is handed to one of them.
 */
public final class DepartedNodeSweeper implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(DepartedNodeSweeper.class);

    private final NodeRegistry registry;
    private final RoomDirectory directory;

    public DepartedNodeSweeper(NodeRegistry registry, RoomDirectory directory) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.directory = Objects.requireNonNull(directory, "directory");
    }

    @Override
    public void run() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.debug("sweep failed, next one retries: {}", e.toString());
        }
    }

    /** @return rooms purged per departed node */
    public Map<String, Integer> sweep() {
        Map<String, Integer> purged = new HashMap<>();
        for (String nodeId : registry.sweepDeparted()) {
            int n = directory.purgeNode(nodeId);
            purged.put(nodeId, n);
            log.info("node {} departed; {} of its rooms purged from the directory", nodeId, n);
        }
        return purged;
    }
}
