package org.mscluster.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.mscluster.cluster.directory.InMemoryRoomDirectory;
import org.mscluster.cluster.directory.RoomDirectory;
import org.mscluster.cluster.redis.KeySpace;
import org.mscluster.cluster.redis.RedisClients;
import org.mscluster.cluster.redis.RedisNodeRegistry;
import org.mscluster.cluster.redis.RedisRoomDirectory;
import org.mscluster.cluster.redis.RedisUrl;
import org.mscluster.cluster.registry.InMemoryNodeRegistry;
import org.mscluster.cluster.registry.NodeRegistry;
import redis.clients.jedis.UnifiedJedis;

/**
 * A matched node registry and room directory, and whatever connection they share: the one
 * choice between standalone (in memory) and cluster (Redis) that the rest of the product makes.
 */
public final class ClusterStore implements AutoCloseable {
    private final NodeRegistry registry;
    private final RoomDirectory directory;
    private final AutoCloseable connection;
    private final UnifiedJedis redis;
    private final KeySpace keys;

    private ClusterStore(NodeRegistry registry, RoomDirectory directory, AutoCloseable connection, UnifiedJedis redis,
            KeySpace keys) {
        this.registry = registry;
        this.directory = directory;
        this.connection = connection;
        this.redis = redis;
        this.keys = keys;
    }

    /** A standalone node's store: nothing leaves the JVM. */
    public static ClusterStore inMemory(Clock clock) {
        InMemoryNodeRegistry registry = new InMemoryNodeRegistry(clock);
        return new ClusterStore(registry, new InMemoryRoomDirectory(registry, clock), () -> { }, null, null);
    }

    /**
     * The cluster store on the Redis at {@code url}, under {@code keyPrefix} (usually
     * {@link KeySpace#DEFAULT_PREFIX}). Connects lazily: an unreachable Redis shows up on first use.
     */
    public static ClusterStore redis(RedisUrl url, String keyPrefix, Clock clock) {
        return redis(RedisClients.open(url), new KeySpace(keyPrefix), NodeRegistry.DEFAULT_EXPIRY, clock, true);
    }

    /**
     * A store over an existing client.
     *
     * @param ownsClient whether {@link #close()} closes {@code redis}
     */
    public static ClusterStore redis(UnifiedJedis redis, KeySpace keys, Duration nodeExpiry, Clock clock,
            boolean ownsClient) {
        Objects.requireNonNull(redis, "redis");
        return new ClusterStore(new RedisNodeRegistry(redis, keys, nodeExpiry), new RedisRoomDirectory(redis, keys, clock),
                ownsClient ? redis::close : () -> { }, redis, keys);
    }

    public NodeRegistry registry() {
        return registry;
    }

    public RoomDirectory directory() {
        return directory;
    }

    /** The Redis client of a cluster store (operations reports, admin commands); empty in memory. */
    public Optional<UnifiedJedis> redis() {
        return Optional.ofNullable(redis);
    }

    /** The key names of a cluster store; empty in memory. */
    public Optional<KeySpace> keys() {
        return Optional.ofNullable(keys);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the cluster store failed", e);
        }
    }
}
