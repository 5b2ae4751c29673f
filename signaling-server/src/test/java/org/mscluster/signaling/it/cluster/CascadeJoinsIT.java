package org.mscluster.signaling.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomLeg;
import org.mscluster.cluster.placement.PlacementSettings;
import org.mscluster.mediasoup.worker.WorkerDump;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.dispatcher.DispatcherServer;
import org.mscluster.signaling.testing.ClusterFixture;
import org.mscluster.signaling.testing.ProtooClient;

/**
 * 200 peers of one room from 4 regions, entering at once through 2 dispatchers, with cascade: one leg
 * per node (the directory, and every node's worker, which holds exactly one router), every peer on
 * the node of its region, and one room: each peer is told of all 199 others.
 */
class CascadeJoinsIT {

    private static final PlacementSettings CASCADE = PlacementSettings.builder().cascade(true).legCapacity(1000).build();
    private static final Map<String, String> NODE_OF_REGION = Map.of("eu/de/berlin", "de", "us/east/nyc", "us",
            "asia/sg", "sg", "sa/br/rio", "br");
    private static ClusterFixture cluster;
    private static final List<NodeServer> nodes = new ArrayList<>();
    private static final List<DispatcherServer> dispatchers = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        cluster = new ClusterFixture();
        nodes.add(cluster.node("de", 1, s -> s.region("eu/de").placement(CASCADE)));
        nodes.add(cluster.node("us", 1, s -> s.region("us/east").placement(CASCADE)));
        nodes.add(cluster.node("sg", 1, s -> s.region("asia/sg").placement(CASCADE)));
        nodes.add(cluster.node("br", 1, s -> s.region("sa/br").placement(CASCADE)));
        dispatchers.add(cluster.dispatcher(d -> d.placement(CASCADE)));
        dispatchers.add(cluster.dispatcher(d -> d.placement(CASCADE)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> cluster.store().registry().liveNodes().size() == 4);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void twoHundredSimultaneousJoinsFromFourRegionsOpenOneLegPerNode() throws Exception {
        String roomId = "crowd-" + System.nanoTime();
        RoomKey key = RoomKey.of("default", roomId);
        List<String> regions = List.copyOf(NODE_OF_REGION.keySet());
        List<CompletableFuture<ProtooClient>> entering = new ArrayList<>();
        List<String> regionOf = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String region = regions.get(i % regions.size());
            String url = cluster.entry(dispatchers.get(i % 2).webSocketUrl(), "default", roomId, "p" + i) + "&region="
                    + ClusterFixture.enc(region);
            regionOf.add(region);
            entering.add(ProtooClient.enter(url));
        }
        List<ProtooClient> clients = new ArrayList<>();
        try {
            for (CompletableFuture<ProtooClient> client : entering) {
                clients.add(client.get(60, TimeUnit.SECONDS));
            }
            for (int i = 0; i < clients.size(); i++) {
                assertThat(clients.get(i).landedNodeId()).as("p%d from %s", i, regionOf.get(i))
                        .isEqualTo(NODE_OF_REGION.get(regionOf.get(i)));
            }
            List<RoomLeg> legs = cluster.store().directory().legs(key);
            assertThat(legs).extracting(RoomLeg::nodeId).containsExactlyInAnyOrder("de", "us", "sg", "br");
            for (NodeServer node : nodes) {
                WorkerDump dump = node.workers().get(0).worker().dump().get(5, TimeUnit.SECONDS);
                assertThat(dump.routerIds()).as("routers on %s", node.config().nodeId()).hasSize(1);
                assertThat(node.rooms().find(key)).isPresent();
            }

            List<CompletableFuture<JsonNode>> joins = new ArrayList<>();
            for (ProtooClient client : clients) {
                joins.add(client.join("peer"));
            }
            for (CompletableFuture<JsonNode> join : joins) {
                join.get(60, TimeUnit.SECONDS);
            }
            Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                for (int i = 0; i < clients.size(); i++) {
                    assertThat(peersSeen(clients.get(i), joins.get(i).join())).as("peers p%d sees", i).hasSize(199);
                }
            });
        } finally {
            clients.forEach(ProtooClient::close);
        }
    }

    private static Set<String> peersSeen(ProtooClient client, JsonNode joined) {
        Set<String> peers = new HashSet<>();
        joined.path("peers").forEach(p -> peers.add(p.path("id").asText()));
        for (JsonNode message : client.received) {
            switch (message.path("method").asText()) {
                case "newPeer" -> peers.add(message.path("data").path("id").asText());
                case "peerClosed" -> peers.remove(message.path("data").path("peerId").asText());
                default -> { }
            }
        }
        return peers;
    }
}
