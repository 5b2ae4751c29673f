package org.mscluster.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.events.NodeEventListener;
import org.mscluster.cluster.events.NodeEvents;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.testing.Nodes;
import redis.clients.jedis.UnifiedJedis;

/** Two dispatchers' node events over one Redis: each event once, and a takeover that repeats nothing. */
class RedisNodeEventLedgerIT {
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

    @Test
    void announcedIdentitiesKeepTheirState() {
        KeySpace keys = new KeySpace("test-" + UUID.randomUUID() + ":");
        RedisNodeEventLedger ledger = new RedisNodeEventLedger(redis, keys);
        NodeIdentity n1 = Nodes.identity("n1", "eu/de", "dt").withState(NodeState.DRAINING);
        ledger.recordAnnounced(n1);
        redis.hset(keys.nodeEventsKnown(), "garbage", "{not json");
        assertThat(ledger.announced()).containsOnlyKeys("n1").containsEntry("n1", n1);
        ledger.forgetAnnounced("n1");
        assertThat(ledger.announced()).isEmpty();
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
        return new NodeEventListener() {
            @Override
            public void up(NodeIdentity node) {
                told.add(who + " up " + node.id());
            }

            @Override
            public void draining(NodeIdentity node) {
                told.add(who + " draining " + node.id());
            }

            @Override
            public void down(NodeIdentity node, String reason) {
                told.add(who + " down " + node.id());
            }
        };
    }
}
