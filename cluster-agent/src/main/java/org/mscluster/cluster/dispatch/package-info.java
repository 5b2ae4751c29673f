/**
 * The decision "which node and worker host this room", as the dispatcher and every node make it:
 * {@link org.mscluster.cluster.dispatch.RoomPlacer} combines the registry, the directory and the
 * placement policy (and, with cascade, which leg of a room a peer joins);
 * {@link org.mscluster.cluster.dispatch.DispatchBenchmark} measures it against a real Redis.
 */
package org.mscluster.cluster.dispatch;
