package org.mscluster.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import org.mscluster.cluster.command.InMemoryNodeCommands;
import org.mscluster.cluster.command.NodeCommands;
import org.mscluster.cluster.directory.InMemoryRoomDirectory;
import org.mscluster.cluster.directory.RoomDirectory;
import org.mscluster.cluster.events.InMemoryNodeEventLedger;
import org.mscluster.cluster.events.NodeEventLedger;
import org.mscluster.cluster.mesh.InMemoryNodeMesh;
import org.mscluster.cluster.mesh.NodeMesh;
import org.mscluster.cluster.redis.KeySpace;
import org.mscluster.cluster.redis.RedisClients;
import org.mscluster.cluster.redis.RedisNodeCommands;
import org.mscluster.cluster.redis.RedisNodeEventLedger;
import org.mscluster.cluster.redis.RedisNodeMesh;
import org.mscluster.cluster.redis.RedisNodeRegistry;
import org.mscluster.cluster.redis.RedisRoomDirectory;
import org.mscluster.cluster.redis.RedisUrl;
import org.mscluster.cluster.registry.InMemoryNodeRegistry;
import org.mscluster.cluster.registry.NodeRegistry;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Every piece of shared cluster state, behind one interface each, and the one choice between
 * standalone (in memory, nothing leaves the JVM) and cluster (Redis) that the rest of the product
 * makes. Nothing outside this module names a Redis client or key: the node registry (identity,
 * load, rooms, lease), the room directory, the admin command channel, the node events' ledger
 * and the mesh between nodes are all here.
 */
public final class ClusterStore implements AutoCloseable {
    private final NodeRegistry registry;
    private final RoomDirectory directory;
    private final NodeCommands commands;
    private final NodeEventLedger nodeEvents;
    private final NodeMesh mesh;
    private final AutoCloseable connection;

    private ClusterStore(NodeRegistry registry, RoomDirectory directory, NodeCommands commands,
            NodeEventLedger nodeEvents, NodeMesh mesh, AutoCloseable connection) {
        this.registry = registry;
        this.directory = directory;
        this.commands = commands;
        this.nodeEvents = nodeEvents;
        this.mesh = mesh;
        this.connection = connection;
    }

    /** A standalone node's store: nothing leaves the JVM. */
    public static ClusterStore inMemory(Clock clock) {
        InMemoryNodeRegistry registry = new InMemoryNodeRegistry(clock);
        return new ClusterStore(registry, new InMemoryRoomDirectory(registry, clock), new InMemoryNodeCommands(),
                new InMemoryNodeEventLedger(clock), new InMemoryNodeMesh(), () -> { });
    }

    /**
     * The cluster store on the Redis at {@code url}, under {@code keyPrefix} (usually
     * {@link #DEFAULT_KEY_PREFIX}). Connects lazily: an unreachable Redis shows up on first use.
     */
    public static ClusterStore redis(RedisUrl url, String keyPrefix, Clock clock) {
        return redis(url, keyPrefix, RedisClients.DEFAULT_POOL_SIZE, clock);
    }

    /** As {@link #redis(RedisUrl, String, Clock)} with at most {@code connections} connections (a short-lived CLI: few). */
    public static ClusterStore redis(RedisUrl url, String keyPrefix, int connections, Clock clock) {
        UnifiedJedis client;
        try {
            client = RedisClients.open(url, connections);
        } catch (JedisException e) {
            // Sentinel clients ask a sentinel for the master as they open
            throw new ClusterStoreException("cannot open the cluster store at " + url + ": " + e.getMessage(), e);
        }
        return redis(client, new KeySpace(keyPrefix), NodeRegistry.DEFAULT_EXPIRY, clock, true);
    }

    /**
     * A store over an existing client (tests, benchmarks).
     *
     * @param ownsClient whether {@link #close()} closes {@code redis} (it always stops the mesh's
     *     subscriptions and threads)
     */
    public static ClusterStore redis(UnifiedJedis redis, KeySpace keys, Duration nodeExpiry, Clock clock,
            boolean ownsClient) {
        Objects.requireNonNull(redis, "redis");
        RedisNodeMesh mesh = new RedisNodeMesh(redis, keys);
        // The mesh first: its subscriptions unsubscribe over the client's connections.
        AutoCloseable connection = () -> {
            mesh.close();
            if (ownsClient) {
                redis.close();
            }
        };
        return new ClusterStore(new RedisNodeRegistry(redis, keys, nodeExpiry), new RedisRoomDirectory(redis, keys, clock),
                new RedisNodeCommands(redis, keys), new RedisNodeEventLedger(redis, keys), mesh, connection);
    }

    /** The prefix of every key of a cluster, unless configured otherwise. */
    public static final String DEFAULT_KEY_PREFIX = KeySpace.DEFAULT_PREFIX;

    public NodeRegistry registry() {
        return registry;
    }

    public RoomDirectory directory() {
        return directory;
    }

    /** Admin commands to nodes and their answers. */
    public NodeCommands commands() {
        return commands;
    }

    /** The node events' lease and what was last announced. */
    public NodeEventLedger nodeEvents() {
        return nodeEvents;
    }

    /** Messages between nodes (a room's legs). */
    public NodeMesh mesh() {
        return mesh;
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (Exception e) {
            throw new ClusterStoreException("closing the cluster store failed", e);
        }
    }
}
