/**
 * Which node and worker host each room, claimed atomically so a room is never split: the
 * {@link org.mscluster.cluster.directory.RoomDirectory} contract and its in-memory
 * implementation for standalone nodes. With cascade a room may have one leg per node
 * ({@link org.mscluster.cluster.directory.RoomDirectory#legs}, entered with
 * {@link org.mscluster.cluster.directory.RoomDirectory#enterLeg}); never two legs on one node. The Redis implementation is in
 * {@code org.mscluster.cluster.redis}.
 */
package org.mscluster.cluster.directory;
