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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.json.Json;
import org.mscluster.signaling.net.ConnectionGate;
import org.mscluster.signaling.net.WebSocketLimits;
import org.mscluster.signaling.protoo.CloseCodes;
import org.mscluster.signaling.testing.ProtooClient;

/** A standalone node with real workers, driven over real sockets by the JDK client and by protoo-client. */
class NodeServerIT {

    private static NodeServer node;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        // A short answer time for server→client requests, to see a silent client's consumers closed; room for
        // the 500 connections one test opens from this one address.
        node = TestNodes.start(2, new WebSocketLimits(WebSocketLimits.ONE_MEGABYTE, Duration.ofSeconds(15),
                Duration.ofSeconds(45), Duration.ofSeconds(3)).withConnections(new ConnectionGate.Settings(1000, Duration.ofSeconds(10))));
        port = node.address().getPort();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    /** Every test leaves the node as it found it: no rooms, no routers, no transports in any worker. */
    @AfterEach
    void nothingLeaks() {
        TestNodes.awaitNothingLeft(node);
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(response.body());
    }

    @Test
    void healthSaysUpWithWorkersAndRooms() throws Exception {
        JsonNode health = get("/health");
        assertThat(health.get("status").asText()).isEqualTo("up");
        assertThat(health.get("workers").asInt()).isEqualTo(2);
        assertThat(health.get("mediasoupVersion").asText()).isEqualTo("3.27.1");
    }

    @Test
    void protooClientFromNodeConnectsJoinsAndSeesASecondPeerComeAndGo() throws Exception {
        TestNodes.Run run = TestNodes.node(60, "protoo-e2e.mjs", "ws://127.0.0.1:" + port);
        assertThat(run.exitCode()).as(run.stdout() + run.stderr()).isZero();
        JsonNode result = Json.MAPPER.readTree(run.lastLine());
        assertThat(result.get("mediasoupVersion").asText()).isEqualTo("3.27.1");
        assertThat(result.get("sctp").asBoolean()).as("SCTP enabled without sctpCapabilities").isTrue();
        assertThat(result.get("bobPeersAtJoin").get(0).asText()).isEqualTo("alice");
        assertThat(result.get("newPeer").get("id").asText()).isEqualTo("bob");
        assertThat(result.get("peerClosed").get("peerId").asText()).isEqualTo("bob");
        assertThat(result.get("foreignTransport").asText()).contains("not found");
        assertThat(result.get("unknownMethod").asText()).contains("unknown");
        assertThat(result.get("iceCandidates").toString()).contains("udp:127.0.0.1:", "tcp:127.0.0.1:");
    }

    @Test
    void nonJsonClosesTheSocketCleanlyAndTheNodeKeepsServing() throws Exception {
        try (ProtooClient client = ProtooClient.connect(port, "bad-json", "p1")) {
            client.sendText("definitely { not json");
            assertThat(client.awaitClose()).isEqualTo(CloseCodes.INVALID_PAYLOAD);
        }
        assertThat(get("/health").get("status").asText()).isEqualTo("up");
    }

    @Test
    void requestsWithoutIdOrMethodAreRefused() throws Exception {
        try (ProtooClient client = ProtooClient.connect(port, "no-method", "p1")) {
            client.sendText("{\"request\":true,\"id\":42,\"data\":{}}");
            JsonNode response = client.response(42);
            assertThat(response.get("ok").asBoolean()).isFalse();
            assertThat(response.get("errorCode").asInt()).isEqualTo(400);
            // Still usable after an answered error.
            assertThat(client.request("getRouterRtpCapabilities", null).get("ok").asBoolean()).isTrue();
        }
        try (ProtooClient client = ProtooClient.connect(port, "no-id", "p1")) {
            client.sendText("{\"request\":true,\"method\":\"join\",\"data\":{}}");
            assertThat(client.awaitClose()).isEqualTo(CloseCodes.POLICY_VIOLATION);
        }
    }

    @Test
    void unknownMethodsAndMethodsBeforeJoinGetErrors() throws Exception {
        try (ProtooClient client = ProtooClient.connect(port, "unknown", "p1")) {
            JsonNode unknown = client.request("launchRockets", Map.of());
            assertThat(unknown.get("ok").asBoolean()).isFalse();
            assertThat(unknown.get("errorReason").asText()).contains("launchRockets");
            JsonNode early = client.request("produce", Map.of("transportId", "x"));
            assertThat(early.get("errorReason").asText()).isEqualTo("Peer not yet joined");
        }
    }

    @Test
    void anotherPeersIdsAndInvalidRtpParametersAreRejected() throws Exception {
        try (ProtooClient alice = ProtooClient.connect(port, "foreign", "alice");
                ProtooClient mallory = ProtooClient.connect(port, "foreign", "mallory")) {
            JsonNode caps = alice.request("getRouterRtpCapabilities", null).get("data");
            String aliceTransport = alice.request("createWebRtcTransport", Map.of("producing", true, "consuming", false))
                    .get("data").get("id").asText();
            alice.request("join", Map.of("displayName", "Alice", "device", Map.of(), "rtpCapabilities", caps));
            mallory.request("join", Map.of("displayName", "Mallory", "device", Map.of(), "rtpCapabilities", caps));

            JsonNode stolen = mallory.request("getTransportStats", Map.of("transportId", aliceTransport));
            assertThat(stolen.get("ok").asBoolean()).isFalse();
            assertThat(stolen.get("errorCode").asInt()).isEqualTo(404);
            JsonNode produceOnForeign = mallory.request("produce", Map.of("transportId", aliceTransport, "kind", "audio",
                    "rtpParameters", Map.of()));
            assertThat(produceOnForeign.get("errorCode").asInt()).isEqualTo(404);

            JsonNode invalid = alice.request("produce", Map.of("transportId", aliceTransport, "kind", "audio",
                    "rtpParameters", Map.of("codecs", "not a list")));
            assertThat(invalid.get("ok").asBoolean()).isFalse();
            JsonNode badKind = alice.request("produce", Map.of("transportId", aliceTransport, "kind", "smell",
                    "rtpParameters", Map.of("codecs", List.of())));
            assertThat(badKind.get("ok").asBoolean()).isFalse();
            JsonNode rejectedByMediasoup = alice.request("produce", Map.of("transportId", aliceTransport, "kind", "audio",
                    "rtpParameters", Map.of("codecs", List.of(Map.of("mimeType", "audio/opus", "payloadType", 111,
                            "clockRate", 48000, "channels", 2)), "encodings", List.of())));
            assertThat(rejectedByMediasoup.get("ok").asBoolean()).isFalse();
            assertThat(alice.request("getRouterRtpCapabilities", null).get("ok").asBoolean()).isTrue();
            assertThat(alice.request("join", Map.of("rtpCapabilities", caps)).get("errorReason").asText()).contains("already joined");
        }
    }

    @Test
    void aMessageOverOneMegabyteClosesWith1009() throws Exception {
        try (ProtooClient client = ProtooClient.connect(port, "big", "p1")) {
            String big = "{\"request\":true,\"id\":1,\"method\":\"join\",\"data\":{\"displayName\":\""
                    + "x".repeat(1024 * 1024 + 10) + "\"}}";
            client.socket().sendText(big, true);
            assertThat(client.awaitClose()).isEqualTo(CloseCodes.MESSAGE_TOO_BIG);
        }
        assertThat(get("/health").get("status").asText()).isEqualTo("up");
    }

    @Test
    void aReconnectingPeerReplacesItsPreviousConnection() throws Exception {
        try (ProtooClient first = ProtooClient.connect(port, "replace", "same");
                ProtooClient watcher = ProtooClient.connect(port, "replace", "watcher")) {
            JsonNode caps = first.request("getRouterRtpCapabilities", null).get("data");
            watcher.request("join", Map.of("displayName", "W", "rtpCapabilities", caps));
            first.request("join", Map.of("displayName", "First", "rtpCapabilities", caps));
            try (ProtooClient second = ProtooClient.connect(port, "replace", "same")) {
                assertThat(first.awaitClose()).isEqualTo(CloseCodes.CLOSED_BY_SERVER);
                assertThat(watcher.notification("peerClosed").get("data").get("peerId").asText()).isEqualTo("same");
                second.request("join", Map.of("displayName", "Second", "rtpCapabilities", caps));
                assertThat(watcher.notification("newPeer").get("data").get("displayName").asText()).isEqualTo("Second");
            }
        }
    }

    @Test
    void fiveHundredConnectionsOpenedAndDroppedAtOnceLeaveNothingBehind() throws Exception {
        List<CompletableFuture<ProtooClient>> opening = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            String room = "storm-" + (i % 25);
            String peer = "p" + i;
            opening.add(CompletableFuture.supplyAsync(() -> {
                try {
                    ProtooClient client = ProtooClient.connect(port, room, peer);
                    client.sendRequest("getRouterRtpCapabilities", null);
                    client.sendRequest("createWebRtcTransport", Map.of("producing", true, "consuming", false));
                    return client;
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        List<ProtooClient> clients = new ArrayList<>();
        for (CompletableFuture<ProtooClient> future : opening) {
            clients.add(future.get(60, TimeUnit.SECONDS));
        }
        clients.forEach(ProtooClient::close);
        await().atMost(Duration.ofSeconds(30)).until(() -> node.rooms().peerCount() == 0 && node.rooms().rooms().isEmpty());
        assertThat(get("/health").get("status").asText()).isEqualTo("up");
        try (ProtooClient after = ProtooClient.connect(port, "after-storm", "p1")) {
            assertThat(after.request("getRouterRtpCapabilities", null).get("ok").asBoolean()).isTrue();
        }
    }

    @Test
    void dispatchAnswersThisNodeForItsRooms() throws Exception {
        JsonNode dispatch = get("/api/dispatch?roomId=d1&peerId=p1");
        assertThat(dispatch.get("url").asText()).isEqualTo("ws://127.0.0.1:" + port + "/?roomId=d1&peerId=p1&namespace=default");
        assertThat(dispatch.get("nodeId").asText()).isEqualTo("it-node");
        // The dispatch reserved the room on a worker; clients of the room go there.
        int worker = dispatch.get("workerIndex").asInt();
        try (ProtooClient client = ProtooClient.connect(port, "d1", "p1")) {
            client.request("getRouterRtpCapabilities", null);
            assertThat(node.rooms().rooms()).singleElement().satisfies(room -> assertThat(room.workerIndex()).isEqualTo(worker));
        }
    }

    /** Opus as a browser sends it, enough for mediasoup to create a producer (no media needs to flow). */
    private static Map<String, Object> opusRtpParameters() {
        return Map.of("mid", "0",
                "codecs", List.of(Map.of("mimeType", "audio/opus", "payloadType", 111, "clockRate", 48000, "channels", 2,
                        "parameters", Map.of("useinbandfec", 1), "rtcpFeedback", List.of())),
                "headerExtensions", List.of(),
                "encodings", List.of(Map.of("ssrc", 11111111)),
                "rtcp", Map.of("cname", "test", "reducedSize", true));
    }

    @Test
    void consumersAreOfferedPausedResumedOnAnswerAndClosedWhenTheClientNeverAnswers() throws Exception {
        try (ProtooClient alice = ProtooClient.connect(port, "fanout", "alice");
                ProtooClient bob = ProtooClient.connect(port, "fanout", "bob");
                ProtooClient carol = ProtooClient.connect(port, "fanout", "carol")) {
            JsonNode caps = alice.request("getRouterRtpCapabilities", null).get("data");
            for (ProtooClient client : List.of(bob, carol)) {
                client.request("createWebRtcTransport", Map.of("producing", false, "consuming", true));
                client.request("join", Map.of("displayName", "x", "rtpCapabilities", caps));
            }
            String send = alice.request("createWebRtcTransport", Map.of("producing", true, "consuming", false))
                    .get("data").get("id").asText();
            alice.request("join", Map.of("displayName", "Alice", "rtpCapabilities", caps));
            JsonNode produced = alice.request("produce", Map.of("transportId", send, "kind", "audio",
                    "rtpParameters", opusRtpParameters(), "appData", Map.of("source", "mic")));
            assertThat(produced.get("ok").asBoolean()).as(produced.toString()).isTrue();
            String producerId = produced.get("data").get("id").asText();
            assertThat(alice.request("getProducerStats", Map.of("producerId", producerId)).get("data").isArray()).isTrue();

            // Bob answers his offer: his consumer is resumed and scored.
            JsonNode offer = bob.serverRequest("newConsumer");
            assertThat(offer.get("data").get("peerId").asText()).isEqualTo("alice");
            assertThat(offer.get("data").get("producerId").asText()).isEqualTo(producerId);
            assertThat(offer.get("data").get("kind").asText()).isEqualTo("audio");
            assertThat(offer.get("data").get("appData").get("source").asText()).isEqualTo("mic");
            bob.answer(offer);
            JsonNode score = bob.notification("consumerScore");
            String bobConsumer = offer.get("data").get("id").asText();
            assertThat(score.get("data").get("consumerId").asText()).isEqualTo(bobConsumer);
            assertThat(bob.request("getConsumerStats", Map.of("consumerId", bobConsumer)).get("ok").asBoolean()).isTrue();

            // Carol never answers: after the request timeout her consumer is closed, and she is told.
            JsonNode unanswered = carol.serverRequest("newConsumer");
            JsonNode closed = carol.notification("consumerClosed");
            assertThat(closed.get("data").get("consumerId").asText()).isEqualTo(unanswered.get("data").get("id").asText());
            assertThat(carol.request("getConsumerStats", Map.of("consumerId", closed.get("data").get("consumerId").asText()))
                    .get("errorCode").asInt()).isEqualTo(404);

            // The producer closes: Bob's consumer goes with it.
            alice.request("closeProducer", Map.of("producerId", producerId));
            assertThat(bob.notification("consumerClosed").get("data").get("consumerId").asText()).isEqualTo(bobConsumer);
        }
    }
}
