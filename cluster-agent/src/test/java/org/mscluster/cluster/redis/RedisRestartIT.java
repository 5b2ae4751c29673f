package org.mscluster.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.dispatch.RoomPlacer;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.placement.NearestLeastLoadedPolicy;
import org.mscluster.cluster.registry.NodeRegistry;
import org.mscluster.cluster.testing.Nodes;
import org.mscluster.cluster.testing.SimulatedNode;

/** {@code kill -9} of the Redis server and a restart, empty, on the same port. */
class RedisRestartIT {
    private LocalRedisServer server;
    private KeySpace keys;
    private SimulatedNode east;
    private SimulatedNode north;
    private ClusterStore dispatcherStore;

    @BeforeEach
    void start() {
        server = LocalRedisServer.start();
        keys = new KeySpace("restart-" + UUID.randomUUID() + ":");
        east = new SimulatedNode(Nodes.identity("east", "asia/cn/east", "telecom"), server.url(), keys).start();
        north = new SimulatedNode(Nodes.identity("north", "asia/cn/north", "unicom"), server.url(), keys).start();
        dispatcherStore = ClusterStore.redis(RedisUrl.parse(server.url()), keys.prefix(), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        east.close();
        north.close();
        dispatcherStore.close();
        server.close();
    }

    @Test
    void nodesReregisterAndTheDirectoryIsRebuiltFromTheirRooms() {
        RoomPlacer dispatcher = new RoomPlacer(dispatcherStore.registry(), dispatcherStore.directory(),
                new NearestLeastLoadedPolicy(), Clock.systemUTC());
        Map<RoomKey, RoomPlacement> placed = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            RoomKey room = new RoomKey("default", "room-" + i);
            ClientInfo client = ClientInfo.of(i % 2 == 0 ? "asia/cn/east/sh" : "asia/cn/north/bj", "");
            RoomPlacement p = dispatcher.placeRoom(room, client);
            (p.nodeId().equals("east") ? east : north).host(p);
            placed.put(room, p);
        }
        assertThat(placed.values()).extracting(RoomPlacement::nodeId).contains("east", "north");

        server.restart(); // empty: no persistence

        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
            assertThat(dispatcherStore.registry().liveNodes()).extracting(NodeSnapshot::id)
                    .containsExactly("east", "north");
            for (var e : placed.entrySet()) {
                assertThat(dispatcherStore.directory().lookup(e.getKey())).map(RoomPlacement::nodeId)
                        .contains(e.getValue().nodeId());
            }
        });
        // Clients arriving now join the rooms where they kept running.
        for (var e : placed.entrySet()) {
            assertThat(dispatcher.placeRoom(e.getKey(), ClientInfo.unknown()).sameTarget(e.getValue())).isTrue();
        }
        assertThat(dispatcherStore.directory().roomsOf("east")).isEqualTo(east.hosting());
        assertThat(dispatcherStore.directory().roomsOf("north")).isEqualTo(north.hosting());
    }

    @Test
    void aNodeSurvivesAnOutageLongerThanItsLease() {
        server.kill();
        try {
            Thread.sleep(NodeRegistry.DEFAULT_EXPIRY.toMillis() + 500); // beats fail all along
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.restart();
        await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> dispatcherStore.registry().liveNodes().size() == 2);
        assertThat(dispatcherStore.registry().liveNodes()).extracting(n -> n.identity().id())
                .isEqualTo(List.of("east", "north"));
    }
}
