package org.mscluster.cluster.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.placement.NearestLeastLoadedPolicy;
import org.mscluster.cluster.redis.KeySpace;
import org.mscluster.cluster.redis.LocalRedisServer;
import org.mscluster.cluster.redis.RedisUrl;
import org.mscluster.cluster.testing.SimulatedNode;

/** Three nodes and two dispatchers, each with its own Redis connections, on one real Redis. */
class RedisPlacementIT {
    private static LocalRedisServer server;

    private KeySpace keys;
    private final List<SimulatedNode> nodes = new ArrayList<>();
    private final List<ClusterStore> dispatcherStores = new ArrayList<>();
    private final List<RoomPlacer> dispatchers = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        server = LocalRedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @BeforeEach
    void startCluster() {
        keys = new KeySpace("placement-" + UUID.randomUUID() + ":");
        nodes.add(node(NodeIdentity.builder("east").region("asia/cn/east").isp("telecom").build()));
        nodes.add(node(NodeIdentity.builder("north").region("asia/cn/north").isp("unicom").build()));
        nodes.add(node(NodeIdentity.builder("de").region("europe/de").isp("telekom").build()));
        for (int i = 0; i < 2; i++) {
            ClusterStore store = ClusterStore.redis(RedisUrl.parse(server.url()), keys.prefix(), Clock.systemUTC());
            dispatcherStores.add(store);
            dispatchers.add(new RoomPlacer(store.registry(), store.directory(), new NearestLeastLoadedPolicy(),
                    Clock.systemUTC()));
        }
    }

    @AfterEach
    void stopCluster() {
        nodes.forEach(SimulatedNode::close);
        dispatcherStores.forEach(ClusterStore::close);
    }

    private SimulatedNode node(NodeIdentity identity) {
        return new SimulatedNode(identity, server.url(), keys).start();
    }

    private SimulatedNode node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst().orElseThrow();
    }

    /** {@code clients} simultaneous placements spread over {@code rooms} rooms and both dispatchers. */
    private Map<RoomKey, Set<String>> joinAtOnce(int rooms, int clients) throws Exception {
        String[] regions = {"asia/cn/east/sh", "asia/cn/north/bj", "europe/de/berlin"};
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RoomPlacement>> futures = new ArrayList<>();
            for (int i = 0; i < clients; i++) {
                RoomPlacer dispatcher = dispatchers.get(i % 2);
                RoomKey room = new RoomKey("default", "room-" + (i % rooms));
                ClientInfo client = ClientInfo.of(regions[i % 3], "");
                futures.add(pool.submit(() -> {
                    go.await();
                    return dispatcher.placeRoom(room, client);
                }));
            }
            go.countDown();
            Map<RoomKey, Set<String>> targets = new HashMap<>();
            for (Future<RoomPlacement> f : futures) {
                RoomPlacement p = f.get();
                targets.computeIfAbsent(p.room(), k -> new HashSet<>()).add(p.nodeId() + "#" + p.workerIndex());
            }
            return targets;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twoHundredClientsJoiningOneNewRoomThroughTwoDispatchersLandTogether() throws Exception {
        Map<RoomKey, Set<String>> targets = joinAtOnce(1, 200);
        assertThat(targets).hasSize(1);
        assertThat(targets.values().iterator().next()).hasSize(1);
    }

    @Test
    void fiftyNewRoomsAtOnceAreNeverSplit() throws Exception {
        Map<RoomKey, Set<String>> targets = joinAtOnce(50, 500);
        assertThat(targets).hasSize(50).allSatisfy((room, t) -> assertThat(t).hasSize(1));
    }

    @Test
    void theFirstUsersRegionDecides() {
        RoomPlacer d = dispatchers.get(0);
        assertThat(d.placeRoom(new RoomKey("default", "a"), ClientInfo.of("asia/cn/east/sh", "telecom")).nodeId())
                .isEqualTo("east");
        assertThat(d.placeRoom(new RoomKey("default", "b"), ClientInfo.of("asia/cn/north/bj", "")).nodeId())
                .isEqualTo("north");
        assertThat(d.placeRoom(new RoomKey("default", "c"), ClientInfo.of("europe/de/berlin", "")).nodeId())
                .isEqualTo("de");
    }

    @Test
    void aDrainingNodeKeepsItsRoomsButGetsNoNewOnes() {
        RoomPlacer d = dispatchers.get(0);
        ClientInfo shanghai = ClientInfo.of("asia/cn/east/sh", "telecom");
        RoomPlacement existing = d.placeRoom(new RoomKey("default", "existing"), shanghai);
        assertThat(existing.nodeId()).isEqualTo("east");
        node("east").agent().drain();

        assertThat(dispatchers.get(1).placeRoom(existing.room(), shanghai)).isEqualTo(existing);
        for (int i = 0; i < 10; i++) {
            assertThat(d.placeRoom(new RoomKey("default", "new-" + i), shanghai).nodeId()).isNotEqualTo("east");
        }
        node("east").agent().resume();
        assertThat(d.placeRoom(new RoomKey("default", "after"), shanghai).nodeId()).isEqualTo("east");
    }

    @Test
    void aRoomOfACrashedNodeIsPlacedOnALiveNodeWithinFiveSeconds() {
        RoomPlacer d = dispatchers.get(0);
        ClientInfo shanghai = ClientInfo.of("asia/cn/east/sh", "telecom");
        RoomKey room = new RoomKey("default", "survivor");
        assertThat(d.placeRoom(room, shanghai).nodeId()).isEqualTo("east");

        node("east").crash();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> !dispatcherStores.get(0).registry().isLive("east"));
        Dispatch again = dispatchers.get(1).dispatch(room, shanghai);
        assertThat(again.node().id()).isEqualTo("north"); // next closest
        assertThat(again.newlyPlaced()).isTrue();
        assertThat(d.placeRoom(room, shanghai).nodeId()).isEqualTo("north");
    }

    @Test
    void namespacesAreSeparateAndDedicatedNodesTakeOnlyTheirOwn() {
        nodes.add(node(NodeIdentity.builder("tenant-a").region("asia/cn/east").isp("telecom").namespaces("a")
                .priority(10).build()));
        ClientInfo shanghai = ClientInfo.of("asia/cn/east/sh", "telecom");
        RoomPlacer d = dispatchers.get(0);
        assertThat(d.placeRoom(new RoomKey("a", "same"), shanghai).nodeId()).isEqualTo("tenant-a");
        assertThat(d.placeRoom(new RoomKey("b", "same"), shanghai).nodeId()).isEqualTo("east");
        assertThat(d.placeRoom(new RoomKey("default", "same"), shanghai).nodeId()).isEqualTo("east");
    }
}
