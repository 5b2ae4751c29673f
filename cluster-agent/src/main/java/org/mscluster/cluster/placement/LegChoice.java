package org.mscluster.cluster.placement;

import org.mscluster.cluster.model.Names;

/**
 * Where {@link CascadePolicy} sends one peer of a room that has live legs.
 *
 * @param newLeg true to open a new leg on {@code nodeId}'s worker {@code workerIndex}; false to join
 *     the leg {@code nodeId} has (on its own worker, {@code workerIndex})
 */
public record LegChoice(String nodeId, int workerIndex, boolean newLeg) {
    public LegChoice {
        Names.requireSimple(nodeId, "node id");
        if (workerIndex < 0) {
            throw new IllegalArgumentException("worker index must be >= 0");
        }
    }
}
