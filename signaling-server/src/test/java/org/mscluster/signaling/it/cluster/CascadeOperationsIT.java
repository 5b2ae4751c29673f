package org.mscluster.signaling.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.placement.PlacementSettings;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.admin.AdminScope;
import org.mscluster.signaling.admin.ClusterJson;
import org.mscluster.signaling.cluster.HttpOwnerProbe;
import org.mscluster.signaling.dispatcher.DispatcherServer;
import org.mscluster.signaling.json.Json;
import org.mscluster.signaling.operations.OperationsSettings;
import org.mscluster.signaling.testing.ClusterFixture;
import org.mscluster.signaling.testing.ProtooClient;
import org.mscluster.signaling.webhooks.WebhookSettings;

/**
 * Operating rooms across nodes: two nodes in two regions with cascade, a room with a leg on each.
 * Webhooks: each leg's {@code room_leg_opened}/{@code room_leg_closed}, and {@code room_started}/{@code
 * room_finished} once for the room (from its first and its last leg); metrics: the pipe between the
 * legs; {@code /api/cluster} (as the dispatcher reads it): the room once, with both legs, and the link.
 */
class CascadeOperationsIT {

    private static final PlacementSettings CASCADE = PlacementSettings.builder().cascade(true).build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;
    private static ClusterFixture cluster;
    private static NodeServer de;
    private static NodeServer us;
    private static DispatcherServer dispatcher;

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hooks", exchange -> {
            received.add(Json.MAPPER.readTree(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        WebhookSettings hooks = WebhookSettings.parse(List.of("default=http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks"));
        cluster = new ClusterFixture();
        de = cluster.node("de", 1, s -> s.region("eu/de").placement(CASCADE),
                c -> c.operations(OperationsSettings.builder().secrets(cluster.secrets).webhooks(hooks).build()));
        us = cluster.node("us", 1, s -> s.region("us/east").placement(CASCADE),
                c -> c.operations(OperationsSettings.builder().secrets(cluster.secrets).webhooks(hooks).build()));
        dispatcher = cluster.dispatcher(d -> d.placement(CASCADE));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> cluster.store().registry().liveNodes().size() == 2);
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private static ProtooClient enter(String room, String peer, String region) throws Exception {
        String url = cluster.entry(dispatcher.webSocketUrl(), "default", room, peer) + "&region=" + ClusterFixture.enc(region);
        ProtooClient client = ProtooClient.enter(url).get(15, TimeUnit.SECONDS);
        client.requestAsync("createWebRtcTransport", Map.of("producing", true, "consuming", false)).get(10, TimeUnit.SECONDS);
        client.requestAsync("createWebRtcTransport", Map.of("producing", false, "consuming", true)).get(10, TimeUnit.SECONDS);
        client.join(peer).get(10, TimeUnit.SECONDS);
        return client;
    }

    private static String sendTransport(ProtooClient client) throws Exception {
        return client.requestAsync("createWebRtcTransport", Map.of("producing", true, "consuming", false))
                .get(10, TimeUnit.SECONDS).path("id").asText();
    }

    private static Map<String, Object> opus(long ssrc) {
        return Map.of("mid", "0",
                "codecs", List.of(Map.of("mimeType", "audio/opus", "payloadType", 111, "clockRate", 48000, "channels", 2,
                        "parameters", Map.of(), "rtcpFeedback", List.of())),
                "headerExtensions", List.of(), "encodings", List.of(Map.of("ssrc", ssrc)), "rtcp", Map.of("cname", "ops"));
    }

    /** The room's lifecycle events, as {@code event@node}. */
    private static List<String> lifecycle(String roomId) {
        List<String> out = new ArrayList<>();
        for (JsonNode event : received) {
            String type = event.path("event").asText();
            if (roomId.equals(event.path("room").path("id").asText(null)) && type.startsWith("room_")) {
                out.add(type + "@" + event.path("nodeId").asText());
            }
        }
        return out;
    }

    private static JsonNode event(String roomId, String type, String nodeId) {
        return received.stream().filter(e -> e.path("event").asText().equals(type) && e.path("nodeId").asText().equals(nodeId)
                && roomId.equals(e.path("room").path("id").asText())).findFirst().orElseThrow();
    }

    private static double metric(NodeServer node, String series) throws Exception {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + "metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series.substring(0, series.indexOf('{'))) + "\\{([^}]*)\\} (\\S+)$").matcher(text);
        String[] wanted = series.substring(series.indexOf('{') + 1, series.length() - 1).split(",");
        while (m.find()) {
            List<String> labels = List.of(m.group(1).split(","));
            if (wanted[0].isEmpty() || labels.containsAll(List.of(wanted))) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError(series + " not in:\n" + text);
    }

    @SuppressWarnings("unchecked")
    /**
     * What a placer asks a room's owner cut off from Redis ({@code GET /cluster/rooms/…}) tells room names,
     * so with secrets it wants an admin of the room's namespace: the probe signs as one.
     */
    @Test
    void aNodeTellsWhetherItHostsARoomOnlyToTheRoomsAdminsAndTheProbeSignsAsOne() throws Exception {
        String roomId = "probed-" + System.nanoTime();
        try (ProtooClient alice = enter(roomId, "alice", "eu/de/berlin")) {
            NodeServer host = alice.landedNodeId().equals(de.nodeId()) ? de : us;
            String route = host.url() + "cluster/rooms/default/" + roomId;
            assertThat(hostedStatus(route, null)).isEqualTo(401);
            assertThat(hostedStatus(route, cluster.issuer.issueAdmin("acme", "someone", Duration.ofMinutes(1)))).isEqualTo(403);
            assertThat(hostedStatus(route, cluster.issuer.issueAdmin("default", "ops", Duration.ofMinutes(1)))).isEqualTo(200);
            HttpOwnerProbe probe = new HttpOwnerProbe(Duration.ofSeconds(2), cluster.secrets, java.time.Clock.systemUTC());
            assertThat(probe.hostsRoom(host.identity(), RoomKey.of("default", roomId))).isTrue();
            assertThat(probe.hostsRoom(host.identity(), RoomKey.of("default", roomId + "-other"))).isFalse();
            HttpOwnerProbe unsigned = new HttpOwnerProbe(Duration.ofSeconds(2), NamespaceSecrets.none(), java.time.Clock.systemUTC());
            assertThat(unsigned.hostsRoom(host.identity(), RoomKey.of("default", roomId))).isFalse();
        }
    }

    private static int hostedStatus(String url, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void aRoomOnTwoNodesStartsOnceFinishesOnceAndShowsItsLegsItsPipeAndItsMetrics() throws Exception {
        String roomId = "ops-" + System.nanoTime();
        try (ProtooClient alice = enter(roomId, "alice", "eu/de/berlin")) {
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> lifecycle(roomId).size() >= 2);
            try (ProtooClient bob = enter(roomId, "bob", "us/east/nyc")) {
                assertThat(List.of(alice.landedNodeId(), bob.landedNodeId())).containsExactly("de", "us");
                String producerId = alice.requestAsync("produce", Map.of("transportId", sendTransport(alice), "kind", "audio",
                        "rtpParameters", opus(41_000_001L), "appData", Map.of())).get(10, TimeUnit.SECONDS).path("id").asText();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> bob.received("newConsumer").stream()
                        .anyMatch(o -> o.path("producerId").asText().equals(producerId)));

                // Metrics: each node has one pipe; alice's producer goes out of de and into us.
                Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    assertThat(metric(de, "mscluster_pipe_links{}")).isEqualTo(1);
                    assertThat(metric(us, "mscluster_pipe_links{}")).isEqualTo(1);
                    assertThat(metric(de, "mscluster_pipe_producers{direction=\"out\"}")).isEqualTo(1);
                    assertThat(metric(us, "mscluster_pipe_producers{direction=\"in\"}")).isEqualTo(1);
                    assertThat(metric(us, "mscluster_pipe_producers{direction=\"out\"}")).isZero();
                });
                assertThat(metric(de, "mscluster_pipe_bytes_per_second{direction=\"out\"}")).isGreaterThanOrEqualTo(0);

                // /api/cluster over the nodes' published reports: the room once, both legs, the link.
                Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    AdminScope operator = AdminScope.operator("ops");
                    Map<String, Object> json = ClusterJson.cluster(ClusterJson.visible(cluster.store().registry().reports(),
                            operator, "default", null), operator, java.time.Instant.now());
                    List<Map<String, Object>> rooms = ((List<Map<String, Object>>) json.get("nodes")).stream()
                            .flatMap(n -> ((List<Map<String, Object>>) n.get("rooms")).stream())
                            .filter(r -> r.get("roomId").equals(roomId)).toList();
                    assertThat(rooms).hasSize(1);
                    assertThat((List<Map<String, Object>>) rooms.get(0).get("legs")).extracting(l -> l.get("nodeId"))
                            .containsExactly("de", "us");
                    assertThat((List<Map<String, Object>>) rooms.get(0).get("peers")).extracting(p -> p.get("id"))
                            .containsExactly("alice", "bob");
                    assertThat((List<Map<String, Object>>) json.get("links")).singleElement().satisfies(link -> assertThat(link)
                            .containsEntry("nodeA", "de").containsEntry("nodeB", "us").containsEntry("rooms", 1)
                            .containsEntry("producersAtoB", 1).containsEntry("producersBtoA", 0));
                });
            }
            // Bob's leg closes; the room goes on on de.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lifecycle(roomId).contains("room_leg_closed@us"));
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> lifecycle(roomId).contains("room_finished@de"));
        Thread.sleep(500);
        assertThat(lifecycle(roomId)).containsExactly("room_started@de", "room_leg_opened@de", "room_leg_opened@us",
                "room_leg_closed@us", "room_leg_closed@de", "room_finished@de");

        JsonNode opened = event(roomId, "room_leg_opened", "us");
        assertThat(opened.path("namespace").asText()).isEqualTo("default");
        assertThat(opened.path("room").path("workerIndex").asInt()).isZero();
        assertThat(opened.path("firstLeg").asBoolean()).isFalse();
        assertThat(opened.path("legs").findValuesAsText("nodeId")).containsExactlyInAnyOrder("de", "us");
        assertThat(event(roomId, "room_leg_opened", "de").path("firstLeg").asBoolean()).isTrue();
        JsonNode closed = event(roomId, "room_leg_closed", "us");
        assertThat(closed.path("lastLeg").asBoolean()).isFalse();
        assertThat(closed.path("legs").findValuesAsText("nodeId")).containsExactly("de");
        assertThat(event(roomId, "room_leg_closed", "de").path("lastLeg").asBoolean()).isTrue();
        assertThat(event(roomId, "room_finished", "de").path("reason").asText()).isEqualTo("last peer left");
    }
}
