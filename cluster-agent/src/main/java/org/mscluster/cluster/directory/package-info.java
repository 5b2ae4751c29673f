/**
 * Which node and worker host each room, claimed atomically so a room is never split: the
 * {@link org.mscluster.cluster.directory.RoomDirectory} contract and its in-memory
 * implementation for standalone nodes. The Redis implementation is in
 * {@code org.mscluster.cluster.redis}.
 */
package org.mscluster.cluster.directory;
