/**
 * Where new rooms go: {@link org.mscluster.cluster.placement.PlacementPolicy}, a pure function
 * from live nodes, room and first client to a node and worker, and its production
 * implementation {@link org.mscluster.cluster.placement.NearestLeastLoadedPolicy}; with cascade,
 * {@link org.mscluster.cluster.placement.CascadePolicy} picks which leg of a room spanning nodes a
 * peer joins, or where a new leg opens. Kept free of
 * I/O so that every rule is unit-tested and every dispatcher decides alike.
 */
package org.mscluster.cluster.placement;
