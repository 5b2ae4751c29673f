/**
 * The cluster implementations of {@link org.mscluster.cluster.registry.NodeRegistry} and
 * {@link org.mscluster.cluster.directory.RoomDirectory} on Redis (single server or Sentinel),
 * with atomicity from Lua scripts and liveness from key expiry; the admin commands and the node
 * mesh on pub/sub channels ({@link org.mscluster.cluster.redis.RedisNodeCommands},
 * {@link org.mscluster.cluster.redis.RedisNodeMesh}); plus {@link
 * org.mscluster.cluster.redis.RedisUrl}, the one way Redis is configured.
 */
package org.mscluster.cluster.redis;
