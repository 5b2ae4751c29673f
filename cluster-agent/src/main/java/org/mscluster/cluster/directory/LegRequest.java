package org.mscluster.cluster.directory;

import java.time.Instant;
import java.util.Objects;
import org.mscluster.cluster.model.Names;
import org.mscluster.cluster.model.RoomKey;

/**
 * One peer entering a room that spans nodes (cascade): into the existing leg on {@code nodeId}, or
 * into a new leg there (see {@link RoomDirectory#enterLeg}).
 *
 * @param open true to open a new leg on {@code nodeId}, on {@code workerIndex}; false to join the
 *     leg {@code nodeId} already has (then {@code workerIndex} and {@code since} are ignored)
 */
public record LegRequest(RoomKey room, String nodeId, boolean open, int workerIndex, Instant since) {
    public LegRequest {
        Objects.requireNonNull(room, "room");
        Names.requireSimple(nodeId, "node id");
        Objects.requireNonNull(since, "since");
        if (workerIndex < 0) {
            throw new IllegalArgumentException("worker index must be >= 0");
        }
    }

    /** Join the leg {@code nodeId} has. */
    public static LegRequest join(RoomKey room, String nodeId) {
        return new LegRequest(room, nodeId, false, 0, Instant.EPOCH);
    }

    /** Open a leg on {@code nodeId}'s worker {@code workerIndex}, written with {@code since}. */
    public static LegRequest open(RoomKey room, String nodeId, int workerIndex, Instant since) {
        return new LegRequest(room, nodeId, true, workerIndex, since);
    }
}
