/**
 * Messages between nodes: what a room spread over several nodes (its legs) needs to tell its other
 * legs (peers, producers, pipe transports). The transport is the cluster store's, so the signaling
 * server names no Redis key: a pub/sub channel per node in a cluster, direct calls in one JVM.
 */
package org.mscluster.cluster.mesh;
