package org.mscluster.cluster.agent;

import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 *
 * <p>With a {@code purgeDelay}, a departed node's entries are purged only that long after the sweep
 * noticed it left: meanwhile a placer may still find the entry and ask the node whether it hosts the
 * room (it may be cut off from Redis, not dead; see {@code RoomPlacer#probeLapsedOwners}). A node that
 * is back by then keeps its entries (the purge refuses a live node). If the sweeping process stops
 * before the delay, those entries stay until the node's id registers again or an operator removes them.
 */
public final class DepartedNodeSweeper implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(DepartedNodeSweeper.class);

    private final NodeRegistry registry;
    private final RoomDirectory directory;
    private final long purgeDelayNanos;
    /** Departed nodes not purged yet, with when the sweep noticed; only the sweeping thread touches it. */
    private final Map<String, Long> departed = new LinkedHashMap<>();

    public DepartedNodeSweeper(NodeRegistry registry, RoomDirectory directory) {
        this(registry, directory, Duration.ZERO);
    }

    public DepartedNodeSweeper(NodeRegistry registry, RoomDirectory directory, Duration purgeDelay) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.purgeDelayNanos = purgeDelay.toNanos();
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
    public synchronized Map<String, Integer> sweep() {
        long now = System.nanoTime();
        for (String nodeId : registry.sweepDeparted()) {
            departed.putIfAbsent(nodeId, now);
        }
        Map<String, Integer> purged = new HashMap<>();
        for (var it = departed.entrySet().iterator(); it.hasNext();) {
            var next = it.next();
            if (now - next.getValue() < purgeDelayNanos) {
                continue;
            }
            it.remove();
            // Nothing is purged of a node that is back meanwhile.
            int n = directory.purgeNode(next.getKey());
            purged.put(next.getKey(), n);
            log.info("node {} departed; {} of its rooms purged from the directory", next.getKey(), n);
        }
        return purged;
    }
}
