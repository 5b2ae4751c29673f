package org.mscluster.cluster.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.placement.NearestLeastLoadedPolicy;
import org.mscluster.cluster.placement.PlacementSettings;
import org.mscluster.cluster.redis.KeySpace;
import org.mscluster.cluster.redis.LocalRedisServer;
import org.mscluster.cluster.redis.RedisNodeRegistry;
import org.mscluster.cluster.redis.RedisRoomDirectory;
import org.mscluster.cluster.testing.CommandCounts;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.Protocol;

/**
 * What a decision costs in Redis commands, counted by the server itself: once the placer's view is
 * loaded, joining an existing room and placing a new one are each one script call, and a batch is
 * one script call per request on one connection. A server of its own, with no heartbeats, so that
 * every command counted is the placer's.
 */
class DecisionRoundTripsIT {

    private static LocalRedisServer server;
    private static JedisPooled redis;

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

    @Test
    void oneScriptCallPerDecisionOnACurrentView() {
        KeySpace keys = new KeySpace("trips-" + UUID.randomUUID() + ":");
        Clock clock = Clock.systemUTC();
        RedisNodeRegistry registry = new RedisNodeRegistry(redis, keys, Duration.ofMinutes(5));
        for (String region : List.of("asia/cn/east", "europe/de")) {
            registry.register(new NodeReport(NodeIdentity.builder(region.replace('/', '-')).region(region).build(), NodeLoad.idle(4, clock.instant()), List.of()));
        }
        RoomPlacer placer = new RoomPlacer(registry, new RedisRoomDirectory(redis, keys, clock),
                new NearestLeastLoadedPolicy(), clock, Duration.ofMinutes(5));
        ClientInfo client = ClientInfo.of("asia/cn/east/sh", "");
        RoomKey existing = new RoomKey("default", "existing");
        placer.dispatch(existing, client); // loads the view, places the room
        redis.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");

        for (int i = 0; i < 40; i++) {
            assertThat(placer.dispatch(existing, client).newlyPlaced()).isFalse();
            assertThat(placer.dispatch(new RoomKey("default", "new-" + i), client).newlyPlaced()).isTrue();
        }
        List<DispatchRequest> batch = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            batch.add(new DispatchRequest(new RoomKey("default", "batch-" + (i % 10)), client));
        }
        assertThat(placer.dispatchAll(batch)).allSatisfy(o -> assertThat(o.succeeded()).isTrue());

        Map<String, Long> calls = CommandCounts.of(redis);
        assertThat(calls.get("evalsha")).isEqualTo(80 + 20);
        // Nothing read the registry or the directory outside the script.
        assertThat(calls).doesNotContainKeys("eval", "smembers", "scan");
        assertThat(calls.getOrDefault("hgetall", 0L)).isEqualTo(50); // inside the 50 claims, for the room counts
    }

    /**
     * The view of 450 nodes: the index, one script call per 200 nodes for their placement figures, the
     * room counts; the identities only on the first read (a pipeline of HMGET), not again while their
     * stamps stand. (The counts include the commands scripts run.)
     */
    @Test
    void aViewReadIsAScriptCallPerTwoHundredNodesAndReadsIdentitiesOnce() {
        KeySpace keys = new KeySpace("trips-" + UUID.randomUUID() + ":");
        Clock clock = Clock.systemUTC();
        RedisNodeRegistry registry = new RedisNodeRegistry(redis, keys, Duration.ofMinutes(5));
        int nodes = 450;
        for (int n = 0; n < nodes; n++) {
            registry.register(new NodeReport(NodeIdentity.builder("n-" + n).region("asia/cn/east").build(),
                    NodeLoad.idle(4, clock.instant()), List.of()));
        }
        RoomPlacer placer = new RoomPlacer(registry, new RedisRoomDirectory(redis, keys, clock),
                new NearestLeastLoadedPolicy(), clock, Duration.ZERO); // every decision reads the view
        ClientInfo client = ClientInfo.of("asia/cn/east/sh", "");
        redis.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");
        placer.dispatch(new RoomKey("default", "first"), client);
        long firstHmget = CommandCounts.of(redis).get("hmget");
        redis.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");

        assertThat(placer.dispatch(new RoomKey("default", "second"), client).newlyPlaced()).isTrue();
        Map<String, Long> calls = CommandCounts.of(redis);
        assertThat(calls.get("evalsha")).isEqualTo(3 + 1); // 450 nodes in three calls, then place.lua
        assertThat(calls.get("smembers")).isEqualTo(1);
        assertThat(calls).doesNotContainKeys("eval");
        assertThat(firstHmget - calls.get("hmget")).as("identities read on the first view only").isEqualTo(nodes);
        assertThat(calls.get("hgetall")).isEqualTo(nodes + 1); // the room counts, and inside the claim
    }

    @Test
    void withCascadeAJoinIsTwoScriptCallsAndANewRoomOne() {
        KeySpace keys = new KeySpace("trips-" + UUID.randomUUID() + ":");
        Clock clock = Clock.systemUTC();
        RedisNodeRegistry registry = new RedisNodeRegistry(redis, keys, Duration.ofMinutes(5));
        for (String region : List.of("asia/cn/east", "europe/de")) {
            registry.register(new NodeReport(NodeIdentity.builder(region.replace('/', '-')).region(region).build(), NodeLoad.idle(4, clock.instant()), List.of()));
        }
        RoomPlacer placer = new RoomPlacer(registry, new RedisRoomDirectory(redis, keys, clock),
                new NearestLeastLoadedPolicy(PlacementSettings.builder().cascade(true).legCapacity(1_000).build()),
                clock, Duration.ofMinutes(5));
        ClientInfo client = ClientInfo.of("asia/cn/east/sh", "");
        RoomKey existing = new RoomKey("default", "existing");
        placer.dispatch(existing, client);
        redis.sendCommand(Protocol.Command.CONFIG, "RESETSTAT");

        for (int i = 0; i < 40; i++) {
            assertThat(placer.dispatch(existing, client).newlyPlaced()).isFalse();
            assertThat(placer.dispatch(new RoomKey("default", "new-" + i), client).newlyPlaced()).isTrue();
        }
        assertThat(CommandCounts.of(redis).get("evalsha")).isEqualTo(40 * 2 + 40);
    }
}
