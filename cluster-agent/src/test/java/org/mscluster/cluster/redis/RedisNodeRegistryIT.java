package org.mscluster.cluster.redis;

import java.util.List;
import org.mscluster.cluster.model.NodeReport;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.agent.ClusterAgent;
import org.mscluster.cluster.directory.RoomDirectory;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.registry.NodeRegistry;
import org.mscluster.cluster.registry.NodeRegistryContract;
import org.mscluster.cluster.testing.Nodes;
import org.mscluster.cluster.redis.LocalRedisServer;
import redis.clients.jedis.JedisPooled;

class RedisNodeRegistryIT extends NodeRegistryContract {
    private static LocalRedisServer server;
    private static JedisPooled redis;
    private KeySpace keys;
    private RedisNodeRegistry registry;

    @BeforeAll
    static void startRedis() {
        server = LocalRedisServer.start();
        redis = new JedisPooled("127.0.0.1", server.port());
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        server.close();
    }

    @BeforeEach
    void freshKeys() {
        keys = new KeySpace("test-" + UUID.randomUUID() + ":");
        registry = new RedisNodeRegistry(redis, keys);
    }

    @Override
    protected NodeRegistry registry() {
        return registry;
    }

    @Test
    void aNodeThatStopsReportingDropsOutWithinFiveSeconds() {
        RoomDirectory directory = new RedisRoomDirectory(redis, keys, Clock.systemUTC());
        try (ClusterAgent north = ClusterAgent.builder().registry(registry).directory(directory).identity(NORTH)
                .load(() -> load(0.1)).build()) {
            north.start(); // keeps reporting every second
            registry.register(new NodeReport(EAST, load(0.1), List.of())); // reports once, then goes silent
            assertThat(registry.liveNodes()).extracting(NodeSnapshot::id).containsExactly("east-1", "north-1");

            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !registry.isLive("east-1"));
            assertThat(registry.liveNodes()).extracting(NodeSnapshot::id).containsExactly("north-1");
            assertThat(registry.find("east-1")).isEmpty();
            assertThat(registry.sweepDeparted()).containsExactly("east-1");
        }
    }

    @Test
    void theLeaseIsTheKeysExpiry() {
        registry.register(new NodeReport(EAST, load(0.1), List.of()));
        long ttl = redis.pttl(keys.node("east-1"));
        assertThat(ttl).isBetween(1L, NodeRegistry.DEFAULT_EXPIRY.toMillis());
        assertThat(redis.sismember(keys.nodes(), "east-1")).isTrue();
    }

    @Test
    void registriesWithDifferentPrefixesDoNotSeeEachOther() {
        registry.register(new NodeReport(EAST, load(0.1), List.of()));
        var other = new RedisNodeRegistry(redis, new KeySpace("other-" + UUID.randomUUID() + ":"));
        assertThat(other.liveNodes()).isEmpty();
    }

    @Test
    void anUnreadableEntryIsSkippedNotFatal() {
        registry.register(new NodeReport(EAST, load(0.1), List.of()));
        registry.register(new NodeReport(Nodes.identity("broken", "x", ""), load(0.1), List.of()));
        redis.hset(keys.node("broken"), "load", "{not json");
        assertThat(registry.liveNodes()).extracting(NodeSnapshot::id).containsExactly("east-1");
    }

    @Test
    void aRedisThatLostItsDataNeverRepeatsAGeneration() {
        registry.register(new NodeReport(EAST, load(0.1), List.of()));
        registry.register(new NodeReport(NORTH, load(0.1), List.of()));
        long before = registry.generation();
        redis.del(keys.generation()); // as after a restart without persistence
        assertThat(registry.generation()).isZero();
        registry.register(new NodeReport(EAST, load(0.1), List.of()));
        assertThat(registry.generation()).isGreaterThan(before);
    }
}
