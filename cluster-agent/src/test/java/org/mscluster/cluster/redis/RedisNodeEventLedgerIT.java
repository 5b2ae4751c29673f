package org.mscluster.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.events.DeadLetter;
import org.mscluster.cluster.events.NodeEvent;
import org.mscluster.cluster.events.NodeEventLedger;
import org.mscluster.cluster.events.NodeEventLedgerContract;
import org.mscluster.cluster.events.NodeEventListener;
import org.mscluster.cluster.events.NodeEvents;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.testing.Nodes;
import redis.clients.jedis.UnifiedJedis;

/**
 * The node events' ledger in Redis: the contract, the lease's expiry, and two dispatchers' node events
 * over one Redis: each event once, a takeover that repeats nothing, and events recorded by a holder
 * that died before delivering them delivered once by the next.
 */
class RedisNodeEventLedgerIT extends NodeEventLedgerContract {
    private static LocalRedisServer server;
    private static UnifiedJedis redis;

    @BeforeAll
    static void startRedis() {
        server = LocalRedisServer.start();
        redis = RedisClients.open(RedisUrl.parse(server.url()));
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        server.close();
    }

    @Test
    void theLeaseHasOneHolderAndExpires() throws Exception {
        KeySpace keys = new KeySpace("test-" + UUID.randomUUID() + ":");
        RedisNodeEventLedger ledger = new RedisNodeEventLedger(redis, keys);
        assertThat(ledger.holdLease("a", Duration.ofMillis(300))).isTrue();
        assertThat(ledger.holdLease("b", Duration.ofMillis(300))).isFalse();
        assertThat(ledger.holdLease("a", Duration.ofMillis(300))).isTrue();
        await().atMost(Duration.ofSeconds(3)).until(() -> ledger.holdLease("b", Duration.ofSeconds(5)));
        ledger.releaseLease("a"); // not the holder: nothing happens
        assertThat(ledger.holdLease("a", Duration.ofSeconds(5))).isFalse();
        ledger.releaseLease("b");
        assertThat(ledger.holdLease("a", Duration.ofSeconds(5))).isTrue();
    }

    @Override
    protected NodeEventLedger ledger() {
        return new RedisNodeEventLedger(redis, new KeySpace("test-" + UUID.randomUUID() + ":"));
    }

    @Test
    void announcedIdentitiesKeepTheirStateAndGarbageIsForgotten() {
        KeySpace keys = new KeySpace("test-" + UUID.randomUUID() + ":");
        RedisNodeEventLedger ledger = new RedisNodeEventLedger(redis, keys);
        NodeIdentity n1 = Nodes.identity("n1", "eu/de", "dt").withState(NodeState.DRAINING);
        assertThat(ledger.holdLease("d1", Duration.ofSeconds(5))).isTrue();
        ledger.record("d1", "n1", n1, List.of());
        redis.hset(keys.nodeEventsKnown(), "garbage", "{not json");
        assertThat(ledger.announced()).containsOnlyKeys("n1").containsEntry("n1", n1);
        assertThat(redis.hexists(keys.nodeEventsKnown(), "garbage")).isFalse();
    }

    @Test
    void aDeadLetterWrittenBeforeReasonsWereKeptStillReads() {
        KeySpace keys = new KeySpace("test-" + UUID.randomUUID() + ":");
        RedisNodeEventLedger ledger = new RedisNodeEventLedger(redis, keys);
        NodeEvent old = NodeEvent.of(NodeEvent.Type.DOWN, Nodes.identity("n1", "eu/de", "dt"), "gone",
                java.time.Instant.ofEpochMilli(1_700_000_000_000L));
        redis.lpush(keys.nodeEventsDead(), NodeCodec.nodeEvent(old)); // the event alone, as before
        assertThat(ledger.deadLetters()).containsExactly(new DeadLetter(old, DeadLetter.UNKNOWN_REASON, 0, old.time()));
    }

    @Test
    void aDeadHoldersUndeliveredEventsAreDeliveredOnceByTheNext() throws Exception {
        KeySpace keys = new KeySpace("test-" + UUID.randomUUID() + ":");
        RedisNodeRegistry registry = new RedisNodeRegistry(redis, keys);
        Duration lease = Duration.ofMillis(600);
        List<String> handedToFirst = new CopyOnWriteArrayList<>();
        Map<String, Integer> deliveredById = new ConcurrentHashMap<>();
        // d1 ticks once and dies: the event is recorded, its delivery never finishes, the lease is not released.
        NodeEvents first = NodeEvents.manual("d1", new RedisNodeEventLedger(redis, keys), registry, event -> {
            handedToFirst.add(event.id());
            return new CompletableFuture<>();
        }, lease);
        registry.register(Nodes.report(Nodes.identity("n1", "eu/de", ""), Nodes.idle(1)));
        first.tick();
        assertThat(first.leader()).isTrue();
        assertThat(handedToFirst).hasSize(1);
        NodeEvents second = new NodeEvents("d2", new RedisNodeEventLedger(redis, keys), registry, event -> {
            deliveredById.merge(event.id(), 1, Integer::sum);
            return CompletableFuture.completedFuture(true);
        }, Duration.ofMillis(100), lease);
        try {
            await().atMost(Duration.ofSeconds(5)).until(() -> !deliveredById.isEmpty());
            registry.refresh(Nodes.report("n1", Nodes.idle(1)));
            Thread.sleep(500); // more ticks of d2: nothing is delivered twice
            assertThat(deliveredById).containsExactly(Map.entry(handedToFirst.get(0), 1));
            assertThat(new RedisNodeEventLedger(redis, keys).outbox(10)).isEmpty();
        } finally {
            second.close();
        }
    }

    @Test
    void twoDispatchersTellEachEventOnceAndTheSecondTakesOver() {
        KeySpace keys = new KeySpace("test-" + UUID.randomUUID() + ":");
        RedisNodeRegistry registry = new RedisNodeRegistry(redis, keys);
        List<String> told = new CopyOnWriteArrayList<>();
        Duration interval = Duration.ofMillis(100);
        Duration lease = Duration.ofMillis(600);
        NodeEvents first = new NodeEvents("d1", new RedisNodeEventLedger(redis, keys), registry, recorder("d1", told),
                interval, lease);
        await().atMost(Duration.ofSeconds(3)).until(first::leader);
        NodeEvents second = new NodeEvents("d2", new RedisNodeEventLedger(redis, keys), registry, recorder("d2", told),
                interval, lease);
        try {
            registry.register(Nodes.report(Nodes.identity("n1", "eu/de", ""), Nodes.idle(1)));
            await().atMost(Duration.ofSeconds(3)).until(() -> told.contains("d1 up n1"));
            first.close();
            await().atMost(Duration.ofSeconds(3)).until(second::leader);
            registry.setState("n1", NodeState.DRAINING);
            await().atMost(Duration.ofSeconds(3)).until(() -> told.contains("d2 draining n1"));
            registry.deregister("n1");
            await().atMost(Duration.ofSeconds(3)).until(() -> told.contains("d2 down n1"));
            assertThat(told).containsExactly("d1 up n1", "d2 draining n1", "d2 down n1");
        } finally {
            first.close();
            second.close();
        }
    }

    private static NodeEventListener recorder(String who, List<String> told) {
        return event -> {
            told.add(who + " " + event.type().name().toLowerCase(Locale.ROOT) + " " + event.node().id());
            return CompletableFuture.completedFuture(true);
        };
    }
}
