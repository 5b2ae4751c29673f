package org.mscluster.signaling.dispatcher;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.redis.KeySpace;
import org.mscluster.cluster.registry.NodeRegistry;
import org.mscluster.signaling.operations.NodeReportCodec;
import org.mscluster.signaling.webhooks.NodeWebhooks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Node webhooks in a cluster ({@code node_up}, {@code node_draining}, {@code node_down}), sent by exactly one
 * dispatcher however many run: the holder of a lease in Redis ({@code KeySpace.nodeEventsLease}, renewed
 * every interval, expiring after {@code lease}). Each tick the holder compares the live nodes with what was
 * last announced, kept in Redis too ({@code KeySpace.nodeEventsKnown}), so a dispatcher that takes the
 * lease over goes on where the previous one stopped instead of announcing every node again.
 */
public final class ClusterNodeEvents implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNodeEvents.class);
    /** Takes the lease when free, renews it when held by {@code ARGV[1]}; 1 when this caller holds it. */
    private static final String LEASE = """
            local holder = redis.call('GET', KEYS[1])
            if holder == ARGV[1] then
              redis.call('PEXPIRE', KEYS[1], ARGV[2])
              return 1
            end
            if not holder then
              redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
              return 1
            end
            return 0
            """;
    private static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              return redis.call('DEL', KEYS[1])
            end
            return 0
            """;

    private final String owner;
    private final UnifiedJedis redis;
    private final KeySpace keys;
    private final NodeRegistry registry;
    private final NodeWebhooks webhooks;
    private final Duration lease;
    private final ScheduledExecutorService timer;
    private volatile boolean leader;

    /** @param owner this dispatcher's name in the lease (unique among the dispatchers) */
    public ClusterNodeEvents(String owner, UnifiedJedis redis, KeySpace keys, NodeRegistry registry, NodeWebhooks webhooks,
            Duration interval, Duration lease) {
        this.owner = owner;
        this.redis = redis;
        this.keys = keys;
        this.registry = registry;
        this.webhooks = webhooks;
        this.lease = lease;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "node-events-" + owner);
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Whether this dispatcher held the lease at its last tick. */
    public boolean leader() {
        return leader;
    }

    void tick() {
        try {
            Object held = redis.eval(LEASE, List.of(keys.nodeEventsLease()), List.of(owner, Long.toString(lease.toMillis())));
            boolean now = held instanceof Long l && l == 1L;
            if (now != leader) {
                LOG.info("dispatcher {} {} the node events lease", owner, now ? "holds" : "no longer holds");
            }
            leader = now;
            if (!now) {
                return;
            }
            announceChanges();
        } catch (RuntimeException e) {
            LOG.debug("node events: {}", e.toString());
        }
    }

    private void announceChanges() {
        List<NodeSnapshot> live = registry.liveNodes();
        Map<String, String> known = new HashMap<>(redis.hgetAll(keys.nodeEventsKnown()));
        for (NodeSnapshot node : live) {
            NodeIdentity identity = node.identity();
            String before = known.remove(identity.id());
            NodeState previous = before == null ? null : NodeReportCodec.decodeIdentity(before).state();
            if (previous != null && previous == identity.state()) {
                continue;
            }
            if (previous == null) {
                webhooks.up(identity);
            }
            if (identity.state() == NodeState.DRAINING) {
                webhooks.draining(identity);
            }
            redis.hset(keys.nodeEventsKnown(), identity.id(), NodeReportCodec.encodeIdentity(identity));
        }
        for (Map.Entry<String, String> gone : known.entrySet()) {
            try {
                webhooks.down(NodeReportCodec.decodeIdentity(gone.getValue()),
                        "no longer in the cluster (left, or its lease ran out)");
            } catch (IllegalArgumentException e) {
                LOG.warn("node {}: unreadable last identity, no node_down: {}", gone.getKey(), e.getMessage());
            }
            redis.hdel(keys.nodeEventsKnown(), gone.getKey());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(2, TimeUnit.SECONDS);
            redis.eval(RELEASE, List.of(keys.nodeEventsLease()), List.of(owner));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("node events lease not released: {}", e.toString());
        }
    }
}
