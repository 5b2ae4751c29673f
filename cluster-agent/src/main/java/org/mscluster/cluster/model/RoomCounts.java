package org.mscluster.cluster.model;

import java.util.Map;

/**
 * How many rooms the directory has assigned to each worker of one node.
 *
 * <p>Load reports lag a second behind; these counts are current the moment a claim commits, so
 * a burst of new rooms spreads across nodes and workers instead of piling onto whichever looked
 * idlest in the last report.
 */
public final class RoomCounts {
    public static final RoomCounts NONE = new RoomCounts(Map.of());

    private final Map<Integer, Integer> byWorker;
    /** Summed once: placement reads it for every candidate of every decision. */
    private final int total;

    public RoomCounts(Map<Integer, Integer> byWorker) {
        this.byWorker = Map.copyOf(byWorker);
        int n = 0;
        for (int v : this.byWorker.values()) {
            n += Math.max(0, v);
        }
        this.total = n;
    }

    public Map<Integer, Integer> byWorker() {
        return byWorker;
    }

    public int forWorker(int index) {
        return Math.max(0, byWorker.getOrDefault(index, 0));
    }

    public int total() {
        return total;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoomCounts other && byWorker.equals(other.byWorker);
    }

    @Override
    public int hashCode() {
        return byWorker.hashCode();
    }

    @Override
    public String toString() {
        return "RoomCounts[byWorker=" + byWorker + "]";
    }
}
