/**
 * The cluster layer of mscluster: which media nodes are alive and how loaded
 * ({@code registry}), which node and worker host each room ({@code directory}), where new rooms
 * go ({@code placement}), where clients come from ({@code locate}), the decision that combines
 * them ({@code dispatch}), a node's membership ({@code agent}), who may join ({@code token}),
 * what operators see ({@code status}), and the Redis implementation ({@code redis}).
 * {@link org.mscluster.cluster.ClusterStore} picks standalone or cluster storage.
 *
 * <p>This module knows load figures, not routers or sockets: it never depends on the worker
 * manager or the signaling server, which call into it.
 */
package org.mscluster.cluster;
