package org.mscluster.cluster.redis;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mscluster.cluster.events.NodeEventLedger;
import org.mscluster.cluster.model.NodeIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * The node events' ledger in Redis: the lease is a key holding its owner's name with an expiry
 * ({@code KeySpace.nodeEventsLease}), taken and renewed by one script so two dispatchers can never both
 * hold it; what was announced is a hash of node id → identity JSON with state
 * ({@code KeySpace.nodeEventsKnown}).
 *
 * <p>Does not own the {@link UnifiedJedis}; whoever opened it closes it.
 */
public final class RedisNodeEventLedger implements NodeEventLedger {

    private static final Logger LOG = LoggerFactory.getLogger(RedisNodeEventLedger.class);
    private static final LuaScript HOLD = LuaScript.load("hold_lease.lua");
    private static final LuaScript RELEASE = LuaScript.load("release_lease.lua");

    private final UnifiedJedis redis;
    private final KeySpace keys;

    public RedisNodeEventLedger(UnifiedJedis redis, KeySpace keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public boolean holdLease(String owner, Duration ttl) {
        Object held = HOLD.run(redis, List.of(keys.nodeEventsLease()),
                List.of(keys.prefix(), owner, Long.toString(Math.max(1, ttl.toMillis()))));
        return Long.valueOf(1).equals(held);
    }

    @Override
    public void releaseLease(String owner) {
        RELEASE.run(redis, List.of(keys.nodeEventsLease()), List.of(keys.prefix(), owner));
    }

    @Override
    public Map<String, NodeIdentity> announced() {
        Map<String, NodeIdentity> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : RedisCalls.run(redis, () -> redis.hgetAll(keys.nodeEventsKnown())).entrySet()) {
            try {
                out.put(e.getKey(), NodeCodec.identityWithState(e.getValue()));
            } catch (RuntimeException unreadable) {
                LOG.warn("node {}: unreadable last announced identity, forgotten: {}", e.getKey(), unreadable.toString());
                forgetAnnounced(e.getKey());
            }
        }
        return out;
    }

    @Override
    public void recordAnnounced(NodeIdentity node) {
        RedisCalls.run(redis, () -> redis.hset(keys.nodeEventsKnown(), node.id(), NodeCodec.identityWithState(node)));
    }

    @Override
    public void forgetAnnounced(String nodeId) {
        RedisCalls.run(redis, () -> redis.hdel(keys.nodeEventsKnown(), nodeId));
    }
}
