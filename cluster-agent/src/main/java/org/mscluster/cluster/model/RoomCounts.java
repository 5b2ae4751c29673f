package org.mscluster.cluster.model;

import java.util.Map;

/**
 * How many rooms the directory has assigned to each worker of one node.
 *
 * <p>Load reports lag a second behind; these counts are current the moment a claim commits, so
 * a burst of new rooms spreads across nodes and workers instead of piling onto whichever looked
 * idlest in the last report.
 */
public record RoomCounts(Map<Integer, Integer> byWorker) {
    public static final RoomCounts NONE = new RoomCounts(Map.of());

    public RoomCounts {
        byWorker = Map.copyOf(byWorker);
    }

    public int forWorker(int index) {
        return Math.max(0, byWorker.getOrDefault(index, 0));
    }

    public int total() {
        int n = 0;
        for (int v : byWorker.values()) {
            n += Math.max(0, v);
        }
        return n;
    }
}
