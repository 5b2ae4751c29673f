package org.mscluster.signaling.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomLeg;
import org.mscluster.cluster.placement.PlacementSettings;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.dispatcher.DispatcherServer;
import org.mscluster.signaling.testing.ClusterFixture;
import org.mscluster.signaling.testing.ProtooClient;

/**
 * A room of two legs through a Redis restart (empty): the legs keep their pipes and consumers, the
 * directory gets both legs back (as legs, not as a split room), and what happened while the mesh was
 * down (a producer opened) reaches the other leg once it is back.
 */
class CascadeRedisRestartIT {

    private static final PlacementSettings CASCADE = PlacementSettings.builder().cascade(true).build();
    private static ClusterFixture cluster;
    private static NodeServer north;
    private static NodeServer south;
    private static DispatcherServer dispatcher;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ClusterFixture();
        north = cluster.node("north", 1, s -> s.region("x/north").placement(CASCADE));
        south = cluster.node("south", 1, s -> s.region("x/south").placement(CASCADE));
        dispatcher = cluster.dispatcher(d -> d.placement(CASCADE));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> cluster.store().registry().liveNodes().size() == 2);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static ProtooClient enter(String room, String peer, String region) throws Exception {
        String url = cluster.entry(dispatcher.webSocketUrl(), "default", room, peer) + "&region=" + ClusterFixture.enc(region);
        ProtooClient client = ProtooClient.enter(url).get(15, TimeUnit.SECONDS);
        client.requestAsync("createWebRtcTransport", Map.of("producing", false, "consuming", true)).get(10, TimeUnit.SECONDS);
        client.join(peer).get(10, TimeUnit.SECONDS);
        return client;
    }

    @Test
    void legsKeepTheirMediaThroughARedisRestartAndCatchUpAfterwards() throws Exception {
        String roomId = "restart-" + System.nanoTime();
        RoomKey key = RoomKey.of("default", roomId);
        try (ProtooClient alice = enter(roomId, "alice", "x/north/a");
                ProtooClient bob = enter(roomId, "bob", "x/south/b")) {
            assertThat(List.of(alice.landedNodeId(), bob.landedNodeId())).containsExactly("north", "south");
            String before = alice.produceOpus(41_000_001L, Map.of());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> bob.offered(before));

            cluster.redis.kill();
            // Long enough for both nodes to lose their mesh subscription and registry writes.
            Thread.sleep(1_500);
            String during = alice.produceOpus(41_000_002L, Map.of());
            cluster.redis.restart();

            Awaitility.await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                assertThat(bob.offered(during)).as("the producer opened during the outage reached bob").isTrue();
                assertThat(cluster.store().directory().legs(key)).extracting(RoomLeg::nodeId)
                        .containsExactlyInAnyOrder("north", "south");
            });
            assertThat(bob.received("consumerClosed")).as("nothing was torn down").isEmpty();
            assertThat(bob.received("peerClosed")).isEmpty();
            assertThat(alice.isOpen() && bob.isOpen()).isTrue();
            JsonNode dump = ProtooClient.JSON.valueToTree(north.rooms().find(key).orElseThrow().routerDump().get(5, TimeUnit.SECONDS));
            assertThat(dump.path("mapProducerIdConsumerIds").path(before)).hasSize(1);
            assertThat(dump.path("mapProducerIdConsumerIds").path(during)).hasSize(1);
        }
    }
}
