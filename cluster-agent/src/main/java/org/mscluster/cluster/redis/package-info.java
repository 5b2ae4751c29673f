/**
 * The cluster implementations of {@link org.mscluster.cluster.registry.NodeRegistry} and
 * {@link org.mscluster.cluster.directory.RoomDirectory} on Redis (single server or Sentinel),
 * with atomicity from Lua scripts and liveness from key expiry; plus {@link
 * org.mscluster.cluster.redis.RedisUrl}, the one way Redis is configured.
 */
package org.mscluster.cluster.redis;
