package org.mscluster.signaling.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.net.WebSocketLimits;
import org.mscluster.signaling.protoo.CloseCodes;
import org.mscluster.signaling.room.PeerLimits;
import org.mscluster.signaling.room.RoomSettings;
import org.mscluster.signaling.testing.ProtooClient;

/**
 * The limits a node holds each peer to, against a real node and worker: just under a limit is
 * served, just over is refused with the documented protoo error (and counted in
 * {@code mscluster_refusals_total}), and the node serves normal peers afterwards with nothing left
 * behind in the worker.
 */
class PeerLimitsIT {

    private static final int TRANSPORTS = 3;
    private static final int PRODUCERS = 4;
    private static final int DATA_PRODUCERS = 2;
    private static final int CONSUMERS = 3;
    private static final int RATE = 20;
    private static final int BURST = 40;
    private static NodeServer node;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        node = TestNodes.start(1, config -> config
                .roomSettings(TestNodes.LOOPBACK_ROOMS.withPeerLimits(new PeerLimits(TRANSPORTS, PRODUCERS, DATA_PRODUCERS, CONSUMERS)))
                .webSocketLimits(WebSocketLimits.defaults().withRequestRate(RATE, BURST)));
        port = node.address().getPort();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @AfterEach
    void nothingLeaks() {
        TestNodes.awaitNothingLeft(node);
    }

    @Test
    void aPeerGetsItsTransportsUpToTheLimitAndRefusalsPastIt() throws Exception {
        ProtooClient client = ProtooClient.connect(port, "limits-transports", "greedy");
        try {
            List<Long> ids = new ArrayList<>();
            // All at once: transports being created count too, so a burst cannot slip past the limit.
            for (int i = 0; i < TRANSPORTS + 5; i++) {
                ids.add(client.sendRequest("createWebRtcTransport", Map.of("producing", true, "consuming", false)));
            }
            int created = 0;
            int refused = 0;
            for (JsonNode response : responses(client, ids)) {
                if (response.path("ok").asBoolean()) {
                    created++;
                } else {
                    assertThat(response.path("errorCode").asInt()).isEqualTo(403);
                    assertThat(response.path("errorReason").asText()).isEqualTo("a peer may have at most 3 WebRTC transports");
                    refused++;
                }
            }
            assertThat(created).isEqualTo(TRANSPORTS);
            assertThat(refused).isEqualTo(5);
            assertThat(metric("peer_transports")).isGreaterThanOrEqualTo(5);
        } finally {
            client.close();
        }
        assertServesANormalPeer();
    }

    @Test
    void aPeerGetsItsProducersAndDataProducersUpToTheLimitsAndRefusalsPastThem() throws Exception {
        ProtooClient client = ProtooClient.connect(port, "limits-producers", "loud");
        try {
            joinWithoutConsuming(client);
            String transport = client.request("createWebRtcTransport", Map.of("producing", true, "consuming", false))
                    .path("data").path("id").asText();
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < PRODUCERS + 3; i++) {
                ids.add(client.sendRequest("produce", Map.of("transportId", transport, "kind", "audio",
                        "rtpParameters", opus(1000 + i), "appData", Map.of())));
            }
            assertCreatedAndRefused(responses(client, ids), PRODUCERS, 3, "a peer may have at most " + PRODUCERS + " producers");
            assertThat(metric("peer_producers")).isGreaterThanOrEqualTo(3);

            ids.clear();
            for (int i = 0; i < DATA_PRODUCERS + 2; i++) {
                ids.add(client.sendRequest("produceData", Map.of("transportId", transport, "label", "chat-" + i,
                        "protocol", "", "sctpStreamParameters", Map.of("streamId", i, "ordered", true), "appData", Map.of())));
            }
            assertCreatedAndRefused(responses(client, ids), DATA_PRODUCERS, 2,
                    "a peer may have at most " + DATA_PRODUCERS + " data producers");
            assertThat(metric("peer_data_producers")).isGreaterThanOrEqualTo(2);
        } finally {
            client.close();
        }
        assertServesANormalPeer();
    }

    @Test
    void aPeerJoiningARoomOfManyProducersGetsConsumersUpToTheLimit() throws Exception {
        ProtooClient speaker = ProtooClient.connect(port, "limits-consumers", "speaker");
        ProtooClient viewer = ProtooClient.connect(port, "limits-consumers", "viewer");
        try {
            joinWithoutConsuming(speaker);
            String transport = speaker.request("createWebRtcTransport", Map.of("producing", true, "consuming", false))
                    .path("data").path("id").asText();
            for (int i = 0; i < PRODUCERS; i++) {
                assertThat(speaker.request("produce", Map.of("transportId", transport, "kind", "audio",
                        "rtpParameters", opus(2000 + i), "appData", Map.of())).path("ok").asBoolean()).isTrue();
            }
            JsonNode capabilities = viewer.request("getRouterRtpCapabilities", Map.of()).path("data");
            assertThat(viewer.request("createWebRtcTransport", Map.of("producing", false, "consuming", true)).path("ok")
                    .asBoolean()).isTrue();
            double before = metric("peer_consumers");
            // Joining asks for a consumer of each of the four producers at once: three are made, one is refused.
            assertThat(viewer.request("join", Map.of("displayName", "Viewer", "device", Map.of("name", "test"),
                    "rtpCapabilities", capabilities)).path("ok").asBoolean()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> metric("peer_consumers") >= before + 1
                    && viewer.received("newConsumer").size() == CONSUMERS);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2))
                    .until(() -> viewer.received("newConsumer").size() == CONSUMERS);
        } finally {
            viewer.close();
            speaker.close();
        }
        assertServesANormalPeer();
    }

    /** Opus with its own SSRC and MID (a transport takes one producer per MID). */
    private static Map<String, Object> opus(long ssrc) {
        Map<String, Object> parameters = new java.util.HashMap<>(ProtooClient.opusRtpParameters(ssrc));
        parameters.put("mid", Long.toString(ssrc));
        return parameters;
    }

    private static void joinWithoutConsuming(ProtooClient client) throws Exception {
        assertThat(client.request("join", Map.of("displayName", "Limits", "device", Map.of("name", "test"),
                "rtpCapabilities", Map.of("codecs", List.of(), "headerExtensions", List.of()))).path("ok").asBoolean()).isTrue();
    }

    private static void assertCreatedAndRefused(List<JsonNode> responses, int created, int refused, String reason) {
        assertThat(responses.stream().filter(r -> r.path("ok").asBoolean()).count()).as(responses.toString()).isEqualTo(created);
        List<JsonNode> refusals = responses.stream().filter(r -> !r.path("ok").asBoolean()).toList();
        assertThat(refusals).hasSize(refused);
        assertThat(refusals).allSatisfy(r -> {
            assertThat(r.path("errorCode").asInt()).isEqualTo(403);
            assertThat(r.path("errorReason").asText()).isEqualTo(reason);
        });
    }

    @Test
    void requestsPastThePeersRateAreAnswered429() throws Exception {
        ProtooClient client = ProtooClient.connect(port, "limits-rate", "chatty");
        try {
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < BURST * 3; i++) {
                ids.add(client.sendRequest("getRouterRtpCapabilities", Map.of()));
            }
            int ok = 0;
            int limited = 0;
            for (JsonNode response : responses(client, ids)) {
                if (response.path("ok").asBoolean()) {
                    ok++;
                } else {
                    assertThat(response.path("errorCode").asInt()).isEqualTo(429);
                    limited++;
                }
            }
            // The burst, plus what the rate refilled while the burst was read.
            assertThat(ok).isBetween(BURST, BURST * 2);
            assertThat(limited).isPositive();
            assertThat(metric("request_rate")).isGreaterThanOrEqualTo(limited);
            // Within the rate again after a pause.
            Thread.sleep(1000);
            assertThat(client.request("getRouterRtpCapabilities", Map.of()).path("ok").asBoolean()).isTrue();
        } finally {
            client.close();
        }
        assertServesANormalPeer();
    }

    @Test
    void aDeeplyNestedMessageIsRefusedBeforeItIsParsedDeep() throws Exception {
        ProtooClient client = ProtooClient.connect(port, "limits-depth", "nester");
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        client.sendText("{\"request\":true,\"id\":1,\"method\":\"join\",\"data\":" + deep + "}");
        assertThat(client.awaitClose()).isEqualTo(CloseCodes.POLICY_VIOLATION);
        assertThat(metric("json_depth")).isPositive();
        assertServesANormalPeer();
    }

    /** The responses to {@code ids}, whatever their order (a refusal overtakes a transport being created). */
    private static List<JsonNode> responses(ProtooClient client, List<Long> ids) throws InterruptedException {
        Map<Long, JsonNode> byId = new java.util.HashMap<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (byId.size() < ids.size() && System.nanoTime() < deadline) {
            JsonNode message = client.messages.poll(1, TimeUnit.SECONDS);
            if (message != null && message.path("response").asBoolean() && ids.contains(message.path("id").asLong())) {
                byId.put(message.path("id").asLong(), message);
            }
        }
        assertThat(byId.keySet()).as("responses").containsExactlyInAnyOrderElementsOf(ids);
        return ids.stream().map(byId::get).toList();
    }

    /** A peer within every limit joins, and its room goes when it leaves. */
    private static void assertServesANormalPeer() throws Exception {
        ProtooClient normal = ProtooClient.connect(port, "limits-normal", "normal");
        try {
            assertThat(normal.request("getRouterRtpCapabilities", Map.of()).path("ok").asBoolean()).isTrue();
            assertThat(normal.request("createWebRtcTransport", Map.of("producing", false, "consuming", true)).path("ok")
                    .asBoolean()).isTrue();
            assertThat(normal.request("join", Map.of("displayName", "Normal", "device", Map.of("name", "test"),
                    "rtpCapabilities", Map.of("codecs", List.of(), "headerExtensions", List.of()))).path("ok").asBoolean()).isTrue();
        } finally {
            normal.close();
        }
    }

    /** The node's {@code mscluster_refusals_total} for {@code reason}. */
    private static double metric(String reason) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        return response.body().lines().filter(l -> l.startsWith("mscluster_refusals_total{") && l.contains("reason=\"" + reason + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
    }
}
