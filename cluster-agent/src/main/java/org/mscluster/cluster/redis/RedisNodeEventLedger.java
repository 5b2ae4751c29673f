package org.mscluster.cluster.redis;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mscluster.cluster.events.DeadLetter;
import org.mscluster.cluster.events.NodeEvent;
import org.mscluster.cluster.events.NodeEventLedger;
import org.mscluster.cluster.model.NodeIdentity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * The node events' ledger in Redis: the lease is a key holding its owner's name with an expiry
 * ({@code KeySpace.nodeEventsLease}), taken and renewed by one script so two dispatchers can never both
 * hold it; what was announced is a hash of node id → identity JSON with state
 * ({@code KeySpace.nodeEventsKnown}). The outbox is a sorted set of event ids by sequence with a hash of
 * their JSON ({@code nodeEventsOutbox}, {@code nodeEventsOutboxEvents}); one script checks the lease,
 * updates what was announced and appends the events, so no step of it can be lost alone. A dead
 * letter ({@code nodeEventsDead}, a list) is the event's JSON with why its delivery was given up
 * ({@code {"letter": {"reason", "attempts", "at"}, "event": …}}); older ones are the event alone.
 *
 * <p>Does not own the {@link UnifiedJedis}; whoever opened it closes it.
 */
public final class RedisNodeEventLedger implements NodeEventLedger {

    private static final Logger LOG = LoggerFactory.getLogger(RedisNodeEventLedger.class);
    private static final LuaScript HOLD = LuaScript.load("hold_lease.lua");
    private static final LuaScript RELEASE = LuaScript.load("release_lease.lua");
    private static final LuaScript RECORD = LuaScript.load("record_node_event.lua");
    private static final LuaScript DEAD = LuaScript.load("dead_node_event.lua");
    static final int DEAD_LETTERS_KEPT = 1000;

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
                RedisCalls.run(redis, () -> redis.hdel(keys.nodeEventsKnown(), e.getKey()));
            }
        }
        return out;
    }

    @Override
    public boolean record(String owner, String nodeId, NodeIdentity announced, List<NodeEvent> events) {
        List<String> args = new ArrayList<>(List.of(keys.prefix(), owner, nodeId,
                announced == null ? "" : NodeCodec.identityWithState(announced)));
        for (NodeEvent event : events) {
            args.add(event.id());
            args.add(NodeCodec.nodeEvent(event));
        }
        Object recorded = RECORD.run(redis, List.of(keys.nodeEventsLease(), keys.nodeEventsKnown(), keys.nodeEventsOutbox(),
                keys.nodeEventsOutboxEvents(), keys.nodeEventsSequence()), args);
        return Long.valueOf(1).equals(recorded);
    }

    @Override
    public List<NodeEvent> outbox(int max) {
        List<String> ids = RedisCalls.run(redis, () -> redis.zrange(keys.nodeEventsOutbox(), 0, max - 1));
        if (ids.isEmpty()) {
            return List.of();
        }
        List<String> jsons = RedisCalls.run(redis, () -> redis.hmget(keys.nodeEventsOutboxEvents(), ids.toArray(String[]::new)));
        List<NodeEvent> out = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            String json = jsons.get(i);
            try {
                if (json != null) {
                    out.add(NodeCodec.nodeEvent(json));
                    continue;
                }
            } catch (RuntimeException unreadable) {
                LOG.warn("node event {}: unreadable in the outbox, dropped: {}", ids.get(i), unreadable.toString());
            }
            delivered(ids.get(i));
        }
        return out;
    }

    @Override
    public void delivered(String eventId) {
        RedisCalls.run(redis, () -> {
            redis.zrem(keys.nodeEventsOutbox(), eventId);
            return redis.hdel(keys.nodeEventsOutboxEvents(), eventId);
        });
    }

    @Override
    public void dead(String eventId, String reason, int attempts, Instant at) {
        DEAD.run(redis, List.of(keys.nodeEventsOutbox(), keys.nodeEventsOutboxEvents(), keys.nodeEventsDead()),
                List.of(keys.prefix(), eventId, Integer.toString(DEAD_LETTERS_KEPT), NodeCodec.deadLetterWhy(reason, attempts, at)));
    }

    @Override
    public List<DeadLetter> deadLetters() {
        List<DeadLetter> out = new ArrayList<>();
        for (String json : RedisCalls.run(redis, () -> redis.lrange(keys.nodeEventsDead(), 0, -1))) {
            try {
                out.add(NodeCodec.deadLetter(json));
            } catch (RuntimeException unreadable) {
                LOG.warn("unreadable dead node event skipped: {}", unreadable.toString());
            }
        }
        return out;
    }
}
