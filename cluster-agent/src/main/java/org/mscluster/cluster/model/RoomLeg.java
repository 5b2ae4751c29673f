package org.mscluster.cluster.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One node's part of a room that spans several nodes (cascade): the peers this node serves, on one of
 * its workers. A room has at most one leg per node; without cascade it has exactly one, its placement.
 *
 * @param peers the leg's peers as last known to the directory: the node's own count, plus the peers
 *     the directory has sent there since it last wrote it
 */
public record RoomLeg(String nodeId, int workerIndex, Instant since, int peers) {
    public RoomLeg {
        Names.requireSimple(nodeId, "node id");
        if (workerIndex < 0) {
            throw new IllegalArgumentException("worker index must be >= 0");
        }
        Objects.requireNonNull(since, "since");
        if (peers < 0) {
            throw new IllegalArgumentException("peers must be >= 0");
        }
    }
}
