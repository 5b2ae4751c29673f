package org.mscluster.signaling.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomLeg;
import org.mscluster.cluster.placement.PlacementSettings;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.cluster.token.TokenIssuer;
import org.mscluster.mediasoup.router.RouterDump;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.dispatcher.DispatcherOperations;
import org.mscluster.signaling.dispatcher.DispatcherServer;
import org.mscluster.signaling.room.Room;
import org.mscluster.signaling.testing.ClusterFixture;
import org.mscluster.signaling.testing.ProtooClient;

/**
 * Rooms across nodes, at the protocol level: three nodes in three regions with cascade on, peers
 * entering through a dispatcher with their region, each landing on its own node, and the three legs
 * behaving as one room — peers, producers, pause and resume, close, chat, a leaving leg — with the
 * worker's own view ({@code router.dump()}) showing the pipes and nothing left behind. Media itself
 * is the browser test's (protoo clients send none).
 */
class CascadeIT {

    private static final PlacementSettings CASCADE = PlacementSettings.builder().cascade(true).build();
    private static final String OPERATOR_SECRET = "operators-0123456789abcdef0123456789abcdef";
    private static ClusterFixture cluster;
    private static NodeServer de;
    private static NodeServer us;
    private static NodeServer sg;
    private static DispatcherServer dispatcher;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ClusterFixture();
        de = cluster.node("de", 1, s -> s.region("eu/de").placement(CASCADE));
        us = cluster.node("us", 1, s -> s.region("us/east").placement(CASCADE));
        sg = cluster.node("sg", 1, s -> s.region("asia/sg").placement(CASCADE));
        // With the admin API (operators' namespace "cluster"): kick and close reach every leg.
        dispatcher = cluster.dispatcher(d -> d.placement(CASCADE).extraRoutes(new DispatcherOperations(
                NamespaceSecrets.parse(List.of("default=" + ClusterFixture.DEFAULT_SECRET, "cluster=" + OPERATOR_SECRET)),
                "cluster", null, null)));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> cluster.store().registry().liveNodes().size() == 3);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static ProtooClient enter(String room, String peer, String region) throws Exception {
        return enterAt(cluster.entry(dispatcher.webSocketUrl(), "default", room, peer) + "&region=" + ClusterFixture.enc(region),
                peer);
    }

    /** Enters at {@code url} (a dispatcher, or where a redirect said), sets up transports and joins. */
    private static ProtooClient enterAt(String url, String peer) throws Exception {
        ProtooClient client = ProtooClient.enter(url).get(15, TimeUnit.SECONDS);
        client.requestAsync("createWebRtcTransport", Map.of("producing", true, "consuming", false)).get(10, TimeUnit.SECONDS);
        client.requestAsync("createWebRtcTransport", Map.of("producing", false, "consuming", true)).get(10, TimeUnit.SECONDS);
        JsonNode joined = client.join(peer).get(10, TimeUnit.SECONDS);
        client.received.add(ProtooClient.JSON.createObjectNode().put("method", "joined").set("data", joined));
        return client;
    }

    /** The peers a client was told of: in its join answer and by newPeer, minus peerClosed. */
    private static Set<String> peersSeen(ProtooClient client) {
        Set<String> peers = new HashSet<>();
        for (JsonNode message : client.received) {
            switch (message.path("method").asText()) {
                case "joined" -> message.path("data").path("peers").forEach(p -> peers.add(p.path("id").asText()));
                case "newPeer" -> peers.add(message.path("data").path("id").asText());
                case "peerClosed" -> peers.remove(message.path("data").path("peerId").asText());
                default -> { }
            }
        }
        return peers;
    }

    private static String sendTransport(ProtooClient client) throws Exception {
        return client.requestAsync("createWebRtcTransport", Map.of("producing", true, "consuming", false))
                .get(10, TimeUnit.SECONDS).path("id").asText();
    }

    private static Room room(NodeServer node, String roomId) {
        return node.rooms().find(RoomKey.of("default", roomId)).orElseThrow(() -> new AssertionError("no room " + roomId
                + " on " + node));
    }

    private static RouterDump dump(NodeServer node, String roomId) throws Exception {
        return room(node, roomId).routerDump().get(5, TimeUnit.SECONDS);
    }

    /** The consumer this client was offered for {@code producerId}, if any. */
    private static String consumerOf(ProtooClient client, String producerId) {
        return client.received("newConsumer").stream().filter(o -> o.path("producerId").asText().equals(producerId))
                .map(o -> o.path("id").asText()).findFirst().orElse(null);
    }

    private static boolean told(ProtooClient client, String method, String consumerId) {
        return client.received(method).stream().anyMatch(n -> n.path("consumerId").asText().equals(consumerId));
    }

    @Test
    void peersNearThreeNodesMeetInOneRoomOfThreeLegs() throws Exception {
        String roomId = "cascade-" + System.nanoTime();
        try (ProtooClient alice = enter(roomId, "alice", "eu/de/berlin");
                ProtooClient bob = enter(roomId, "bob", "us/east/nyc");
                ProtooClient carol = enter(roomId, "carol", "asia/sg")) {
            assertThat(List.of(alice.landedNodeId(), bob.landedNodeId(), carol.landedNodeId()))
                    .containsExactly("de", "us", "sg");
            List<RoomLeg> legs = cluster.store().directory().legs(RoomKey.of("default", roomId));
            assertThat(legs).extracting(RoomLeg::nodeId).containsExactlyInAnyOrder("de", "us", "sg");

            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(peersSeen(alice)).containsExactlyInAnyOrder("bob", "carol");
                assertThat(peersSeen(bob)).containsExactlyInAnyOrder("alice", "carol");
                assertThat(peersSeen(carol)).containsExactlyInAnyOrder("alice", "bob");
            });

            // Alice's microphone reaches bob and carol through the pipes, as alice's.
            String producerId = alice.requestAsync("produce", Map.of("transportId", sendTransport(alice), "kind", "audio",
                    "rtpParameters", ProtooClient.opusRtpParameters(31_000_001L), "appData", Map.of("source", "mic"))).get(10, TimeUnit.SECONDS)
                    .path("id").asText();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> consumerOf(bob, producerId) != null
                    && consumerOf(carol, producerId) != null);
            for (ProtooClient far : List.of(bob, carol)) {
                JsonNode offer = far.received("newConsumer").stream()
                        .filter(o -> o.path("producerId").asText().equals(producerId)).findFirst().orElseThrow();
                assertThat(offer.path("peerId").asText()).isEqualTo("alice");
                assertThat(offer.path("kind").asText()).isEqualTo("audio");
                assertThat(offer.path("appData").path("source").asText()).isEqualTo("mic");
            }
            // Offered once each, however the copy's arrival and the peer's join interleave.
            for (ProtooClient far : List.of(bob, carol)) {
                assertThat(far.received("newConsumer").stream().filter(o -> o.path("producerId").asText().equals(producerId)))
                        .hasSize(1);
            }
            // One copy per leg: alice's node consumes her producer once per far leg, through its pipes.
            assertThat(dump(de, roomId).mapProducerIdConsumerIds().get(producerId)).hasSize(2);
            assertThat(dump(us, roomId).mapProducerIdConsumerIds()).containsKey(producerId);
            assertThat(dump(sg, roomId).mapProducerIdConsumerIds()).containsKey(producerId);
            assertThat(room(de, roomId).legPipes().get(5, TimeUnit.SECONDS)).containsOnlyKeys("us", "sg");

            // Pause and resume cross the pipes; so does close.
            String bobConsumer = consumerOf(bob, producerId);
            String carolConsumer = consumerOf(carol, producerId);
            alice.requestAsync("pauseProducer", Map.of("producerId", producerId)).get(10, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> told(bob, "consumerPaused", bobConsumer)
                    && told(carol, "consumerPaused", carolConsumer));
            alice.requestAsync("resumeProducer", Map.of("producerId", producerId)).get(10, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> told(bob, "consumerResumed", bobConsumer)
                    && told(carol, "consumerResumed", carolConsumer));

            // Chat: carol's data producer reaches alice and bob.
            String dataProducerId = carol.requestAsync("produceData", Map.of("transportId", sendTransport(carol),
                    "sctpStreamParameters", Map.of("streamId", 0, "ordered", true), "label", "chat", "protocol", "",
                    "appData", Map.of("info", "my-chat-DataProducer"))).get(10, TimeUnit.SECONDS).path("id").asText();
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                for (ProtooClient far : List.of(alice, bob)) {
                    assertThat(far.received("newDataConsumer")).anySatisfy(offer -> {
                        assertThat(offer.path("dataProducerId").asText()).isEqualTo(dataProducerId);
                        assertThat(offer.path("peerId").asText()).isEqualTo("carol");
                        assertThat(offer.path("label").asText()).isEqualTo("chat");
                    });
                    assertThat(far.received("newDataConsumer").stream()
                            .filter(o -> o.path("dataProducerId").asText().equals(dataProducerId))).hasSize(1);
                }
            });

            alice.requestAsync("closeProducer", Map.of("producerId", producerId)).get(10, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> told(bob, "consumerClosed", bobConsumer)
                    && told(carol, "consumerClosed", carolConsumer));
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                for (NodeServer node : List.of(de, us, sg)) {
                    assertThat(dump(node, roomId).mapProducerIdConsumerIds()).doesNotContainKey(producerId);
                }
            });

            // Bob leaves: his leg closes, the others forget it and close their pipes toward it.
            bob.close();
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(peersSeen(alice)).containsExactly("carol");
                assertThat(peersSeen(carol)).containsExactly("alice");
                assertThat(us.rooms().find(RoomKey.of("default", roomId))).isEmpty();
                assertThat(room(de, roomId).legPipes().get(5, TimeUnit.SECONDS)).containsOnlyKeys("sg");
                assertThat(room(sg, roomId).legPipes().get(5, TimeUnit.SECONDS)).containsOnlyKeys("de");
                assertThat(cluster.store().directory().legs(RoomKey.of("default", roomId))).extracting(RoomLeg::nodeId)
                        .containsExactlyInAnyOrder("de", "sg");
            });
            // de's router: alice's three transports (two from entering, one she produced on) and one pipe;
            // carol's chat piped in, and consumed by alice.
            RouterDump deRouter = dump(de, roomId);
            assertThat(deRouter.transportIds()).hasSize(4);
            assertThat(deRouter.mapDataProducerIdDataConsumerIds().get(dataProducerId)).hasSize(1);
        }
    }

    @Test
    void aDrainingNodeSendsItsLegsPeersToAnotherLegAndTheRoomGoesOn() throws Exception {
        NodeServer ke = cluster.node("ke", 1, s -> s.region("af/ke").placement(CASCADE));
        NodeServer za = cluster.node("za", 1, s -> s.region("af/za").placement(CASCADE));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> cluster.store().registry().liveNodes().size() >= 5);
        String roomId = "cascade-drain-" + System.nanoTime();
        RoomKey key = RoomKey.of("default", roomId);
        try (ProtooClient k1 = enter(roomId, "k1", "af/ke");
                ProtooClient k2 = enter(roomId, "k2", "af/ke/nairobi");
                ProtooClient z1 = enter(roomId, "z1", "af/za")) {
            assertThat(List.of(k1.landedNodeId(), k2.landedNodeId(), z1.landedNodeId())).containsExactly("ke", "ke", "za");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> peersSeen(z1).equals(Set.of("k1", "k2")));

            ke.drain();
            // A few at a time, each told where the room goes on; the room itself never closes.
            for (ProtooClient moved : List.of(k1, k2)) {
                JsonNode redirect = moved.whenNotified("redirect").get(15, TimeUnit.SECONDS).path("data");
                assertThat(redirect.path("nodeId").asText()).isEqualTo("za");
                assertThat(moved.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(4302);
            }
            try (ProtooClient k1again = enterAt(k1.whenNotified("redirect").get().path("data").path("url").asText(), "k1");
                    ProtooClient k2again = enterAt(k2.whenNotified("redirect").get().path("data").path("url").asText(), "k2")) {
                Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    assertThat(peersSeen(z1)).containsExactlyInAnyOrder("k1", "k2");
                    assertThat(peersSeen(k1again)).containsExactlyInAnyOrder("k2", "z1");
                    assertThat(ke.rooms().find(key)).isEmpty();
                    assertThat(cluster.store().directory().legs(key)).extracting(RoomLeg::nodeId).containsExactly("za");
                });
                assertThat(z1.isOpen()).isTrue();
                assertThat(room(za, roomId).peerCount()).isEqualTo(3);
            }
        }
    }

    @Test
    void anAdminAtTheDispatcherKicksAPeerOnAnyLegAndClosesEveryLeg() throws Exception {
        String roomId = "cascade-admin-" + System.nanoTime();
        RoomKey key = RoomKey.of("default", roomId);
        String operator = new TokenIssuer(NamespaceSecrets.parse(List.of("cluster=" + OPERATOR_SECRET)), Clock.systemUTC())
                .issueAdmin("cluster", "ops", Duration.ofHours(1));
        try (ProtooClient alice = enter(roomId, "alice", "eu/de/berlin");
                ProtooClient bob = enter(roomId, "bob", "us/east/nyc");
                ProtooClient carol = enter(roomId, "carol", "asia/sg")) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> peersSeen(alice).size() == 2);
            HttpResponse<String> kick = admin("DELETE", "api/rooms/default/" + roomId + "/peers/bob", operator);
            assertThat(kick.statusCode()).as(kick.body()).isEqualTo(200);
            assertThat(bob.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(4000);
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> peersSeen(alice).equals(Set.of("carol")));

            HttpResponse<String> close = admin("DELETE", "api/rooms/default/" + roomId, operator);
            assertThat(close.statusCode()).as(close.body()).isEqualTo(200);
            assertThat(alice.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(4000);
            assertThat(carol.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(4000);
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(de.rooms().find(key)).isEmpty();
                assertThat(sg.rooms().find(key)).isEmpty();
                assertThat(cluster.store().directory().legs(key)).isEmpty();
            });
        }
    }

    private static HttpResponse<String> admin(String method, String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(dispatcher.url() + path)).header("Authorization", "Bearer " + token)
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theSecondPeerOfARegionJoinsTheLegThere() throws Exception {
        String roomId = "cascade-same-" + System.nanoTime();
        try (ProtooClient first = enter(roomId, "p1", "eu/de/berlin");
                ProtooClient second = enter(roomId, "p2", "eu/de/munich");
                ProtooClient third = enter(roomId, "p3", "us/east")) {
            assertThat(List.of(first.landedNodeId(), second.landedNodeId(), third.landedNodeId()))
                    .containsExactly("de", "de", "us");
            assertThat(cluster.store().directory().legs(RoomKey.of("default", roomId))).extracting(RoomLeg::nodeId)
                    .containsExactlyInAnyOrder("de", "us");
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(peersSeen(first)).containsExactlyInAnyOrder("p2", "p3");
                assertThat(peersSeen(third)).containsExactlyInAnyOrder("p1", "p2");
            });
            assertThat(sg.rooms().find(RoomKey.of("default", roomId))).isEmpty();
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> cluster.store().directory()
                .legs(RoomKey.of("default", roomId)).isEmpty());
        Set<String> left = List.of(de, us, sg).stream().flatMap(n -> n.rooms().rooms().stream())
                .map(r -> r.key().roomId()).filter(id -> id.equals(roomId)).collect(Collectors.toSet());
        assertThat(left).isEmpty();
    }
}
