package org.mscluster.signaling.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.json.Json;
import org.mscluster.signaling.operations.OperationsSettings;
import org.mscluster.signaling.testing.ProtooClient;
import org.mscluster.signaling.webhooks.WebhookSettings;
import org.mscluster.signaling.webhooks.WebhookSignature;

/**
 * Webhooks from a real node to a real HTTP receiver (the JDK's server on 127.0.0.1): every event of a
 * room's life arrives once, signed, in order; with the receiver down for 10 s the events queue up and
 * arrive, in order, once it is back; node events bracket it all.
 */
class WebhooksIT {

    private static final String SECRET = "acme-secret-0123456789abcdef0123456789abcdef";
    private static final byte[] KEY = SECRET.getBytes(StandardCharsets.UTF_8);

    private final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private final List<String> badSignatures = new CopyOnWriteArrayList<>();
    private HttpServer receiver;
    private NodeServer node;

    private void startReceiver(int port) throws Exception {
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        receiver.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String signature = exchange.getRequestHeaders().getFirst(WebhookSignature.HEADER);
            if (!WebhookSignature.verify(KEY, body, signature)) {
                badSignatures.add(new String(body, StandardCharsets.UTF_8));
            }
            received.add(Json.MAPPER.readTree(body));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        if (node != null) {
            node.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    private List<String> eventsOf(String roomId) {
        List<String> out = new ArrayList<>();
        for (JsonNode event : received) {
            if (roomId.equals(event.path("room").path("id").asText(null))) {
                String detail = event.has("producer") ? ":" + event.get("producer").get("kind").asText()
                        : event.has("peer") ? ":" + event.get("peer").get("id").asText() : "";
                out.add(event.get("event").asText() + detail);
            }
        }
        return out;
    }

    private static Map<String, Object> opus(long ssrc) {
        return Map.of("mid", "0",
                "codecs", List.of(Map.of("mimeType", "audio/opus", "payloadType", 111, "clockRate", 48000, "channels", 2,
                        "parameters", Map.of(), "rtcpFeedback", List.of())),
                "headerExtensions", List.of(), "encodings", List.of(Map.of("ssrc", ssrc)), "rtcp", Map.of("cname", "test"));
    }

    @Test
    void everyEventOnceSignedInOrderAndAfterTheReceiverComesBack() throws Exception {
        startReceiver(0);
        int port = receiver.getAddress().getPort();
        WebhookSettings hooks = WebhookSettings.parse(List.of("acme=http://127.0.0.1:" + port + "/hooks"))
                .withRetry(Duration.ofMinutes(5), Duration.ofMillis(200), Duration.ofSeconds(2));
        node = TestNodes.start(1, b -> b.operations(OperationsSettings.builder()
                .secrets(NamespaceSecrets.of(Map.of("acme", SECRET))).webhooks(hooks).build()));
        await().atMost(Duration.ofSeconds(5)).until(() -> received.stream().anyMatch(e -> e.get("event").asText().equals("node_up")));

        // A whole room's life: two peers, a producer closed by request, another closed when its peer leaves.
        try (ProtooClient alice = ProtooClient.connect(node.port(), "roomId=w1&peerId=alice&namespace=acme&region=eu");
                ProtooClient bob = ProtooClient.connect(node.port(), "roomId=w1&peerId=bob&namespace=acme")) {
            JsonNode caps = alice.request("getRouterRtpCapabilities", null).get("data");
            String transport = alice.request("createWebRtcTransport", Map.of("producing", true, "consuming", false))
                    .get("data").get("id").asText();
            alice.request("join", Map.of("displayName", "Alice", "device", Map.of(), "rtpCapabilities", caps));
            bob.request("join", Map.of("displayName", "Bob", "device", Map.of(), "rtpCapabilities", caps));
            JsonNode first = alice.request("produce", Map.of("transportId", transport, "kind", "audio", "rtpParameters", opus(1111),
                    "appData", Map.of()));
            assertThat(first.get("ok").asBoolean()).as(first.toString()).isTrue();
            alice.request("closeProducer", Map.of("producerId", first.get("data").get("id").asText()));
            JsonNode second = alice.request("produce", Map.of("transportId", transport, "kind", "audio", "rtpParameters",
                    opus(2222), "appData", Map.of()));
            assertThat(second.get("ok").asBoolean()).as(second.toString()).isTrue();
            bob.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> eventsOf("w1").contains("peer_left:bob"));
        }
        List<String> expected = List.of("room_started", "peer_joined:alice", "peer_joined:bob", "producer_created:audio",
                "producer_closed:audio", "producer_created:audio", "peer_left:bob", "producer_closed:audio", "peer_left:alice",
                "room_finished");
        await().atMost(Duration.ofSeconds(5)).until(() -> eventsOf("w1").size() >= expected.size());
        assertThat(eventsOf("w1")).containsExactlyElementsOf(expected);

        // The receiver goes away for 10 s while a second room lives and ends.
        receiver.stop(0);
        int before = received.size();
        try (ProtooClient carol = ProtooClient.connect(node.port(), "roomId=w2&peerId=carol&namespace=acme")) {
            JsonNode caps = carol.request("getRouterRtpCapabilities", null).get("data");
            carol.request("join", Map.of("displayName", "Carol", "device", Map.of(), "rtpCapabilities", caps));
        }
        Thread.sleep(10_000);
        assertThat(received).hasSize(before);
        assertThat(node.operations().webhooks().pending()).isEqualTo(4);
        startReceiver(port);
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsOf("w2").size() >= 4);
        assertThat(eventsOf("w2")).containsExactly("room_started", "peer_joined:carol", "peer_left:carol", "room_finished");

        // Nobody listens to the default namespace: nothing is sent for it.
        try (ProtooClient dan = ProtooClient.connect(node.port(), "roomId=quiet&peerId=dan")) {
            dan.request("getRouterRtpCapabilities", null);
        }

        node.drain();
        node.close();
        node = null;
        await().atMost(Duration.ofSeconds(5)).until(() -> received.stream().anyMatch(e -> e.get("event").asText().equals("node_down")));
        List<String> nodeEvents = received.stream().map(e -> e.get("event").asText()).filter(t -> t.startsWith("node_")).toList();
        assertThat(nodeEvents).containsExactly("node_up", "node_draining", "node_down");

        Set<String> ids = new HashSet<>();
        for (JsonNode event : received) {
            assertThat(ids.add(event.get("id").asText())).as("duplicate %s", event).isTrue();
            assertThat(event.get("namespace").asText()).isEqualTo("acme");
            assertThat(event.get("nodeId").asText()).isEqualTo("it-node");
            assertThat(event.get("time").asText()).isNotBlank();
        }
        assertThat(received.stream().noneMatch(e -> "quiet".equals(e.path("room").path("id").asText(null)))).isTrue();
        assertThat(badSignatures).isEmpty();
        assertThat(received.stream().filter(e -> e.get("event").asText().equals("peer_joined")).findFirst().orElseThrow()
                .get("peer").get("region").asText()).isEqualTo("eu");
        System.out.println("[WebhooksIT] " + received.size() + " events, e.g. " + received.get(1));
    }
}
