package org.mscluster.cluster.testing;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.agent.ClusterAgent;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.redis.KeySpace;
import org.mscluster.cluster.redis.RedisClients;
import org.mscluster.cluster.redis.RedisUrl;
import org.mscluster.cluster.registry.NodeRegistry;

/**
 * A media node as the cluster layer sees it, with its own Redis connection as a separate process
 * would have: it reports load every second and hosts the rooms it is told to.
 */
public final class SimulatedNode implements AutoCloseable {
    private final ClusterStore store;
    private final ClusterAgent agent;
    private final Map<RoomKey, Integer> hosting = new ConcurrentHashMap<>();

    public SimulatedNode(NodeIdentity identity, String redisUrl, KeySpace keys) {
        this.store = ClusterStore.redis(RedisClients.open(RedisUrl.parse(redisUrl), 4), keys,
                NodeRegistry.DEFAULT_EXPIRY, Clock.systemUTC(), true);
        this.agent = ClusterAgent.builder().registry(store.registry()).directory(store.directory()).identity(identity)
                .load(() -> Nodes.idle(4)).ownRooms(() -> Map.copyOf(hosting)).build();
    }

    public SimulatedNode start() {
        agent.start();
        return this;
    }

    public String id() {
        return agent.identity().id();
    }

    public ClusterAgent agent() {
        return agent;
    }

    /** What the signaling server does when a room's first client arrives here. */
    public void host(RoomPlacement placement) {
        if (!placement.nodeId().equals(id())) {
            throw new IllegalArgumentException(placement + " is not for " + id());
        }
        hosting.put(placement.room(), placement.workerIndex());
    }

    public Map<RoomKey, Integer> hosting() {
        return Map.copyOf(hosting);
    }

    /** Like {@code kill -9} as far as Redis can tell: reports stop, nothing is cleaned up. */
    public void crash() {
        store.close();
    }

    @Override
    public void close() {
        agent.close();
        store.close();
    }
}
