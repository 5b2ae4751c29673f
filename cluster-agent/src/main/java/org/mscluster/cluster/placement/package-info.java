/**
 * Where new rooms go: {@link org.mscluster.cluster.placement.PlacementPolicy}, a pure function
 * from live nodes, room and first client to a node and worker, and its production
 * implementation {@link org.mscluster.cluster.placement.NearestLeastLoadedPolicy}. Kept free of
 * I/O so that every rule is unit-tested and every dispatcher decides alike.
 */
package org.mscluster.cluster.placement;
