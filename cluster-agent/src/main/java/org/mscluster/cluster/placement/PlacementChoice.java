package org.mscluster.cluster.placement;

/** The node and worker a policy picked for a new room. */
public record PlacementChoice(String nodeId, int workerIndex) {}
