package org.mscluster.cluster.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a room lives: every client of the room is sent to this node and this worker.
 *
 * @param claimedAt when the directory entry was written, for dashboards and debugging
 */
public record RoomPlacement(RoomKey room, String nodeId, int workerIndex, Instant claimedAt) {
    public RoomPlacement {
        Objects.requireNonNull(room, "room");
        Names.requireSimple(nodeId, "node id");
        if (workerIndex < 0) {
            throw new IllegalArgumentException("worker index must be >= 0");
        }
        Objects.requireNonNull(claimedAt, "claimedAt");
    }

    /** True when both point at the same node and worker, whenever they were claimed. */
    public boolean sameTarget(RoomPlacement other) {
        return nodeId.equals(other.nodeId) && workerIndex == other.workerIndex;
    }
}
