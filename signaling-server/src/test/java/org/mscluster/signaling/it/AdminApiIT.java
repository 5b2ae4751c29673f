package org.mscluster.signaling.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.cluster.token.TokenIssuer;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.json.Json;
import org.mscluster.signaling.operations.OperationsSettings;
import org.mscluster.signaling.protoo.CloseCodes;
import org.mscluster.signaling.testing.ProtooClient;

/**
 * The admin API of a standalone node with namespace secrets (tokens required: 401/403 without the
 * right one, nothing leaked; a namespace admin sees and acts on its namespace only; the operator on
 * all), and of one without secrets (open on loopback).
 */
class AdminApiIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final NamespaceSecrets SECRETS = NamespaceSecrets.of(Map.of(
            "acme", "acme-secret-0123456789abcdef0123456789abcdef",
            "other", "other-secret-0123456789abcdef0123456789abcdef",
            "cluster", "operator-secret-0123456789abcdef0123456789abcdef"));
    private static final TokenIssuer ISSUER = new TokenIssuer(SECRETS, Clock.systemUTC());
    private static final String OPERATOR = ISSUER.issueAdmin("cluster", "ops", Duration.ofHours(1));
    private static final String ACME_ADMIN = ISSUER.issueAdmin("acme", "acme-ops", Duration.ofHours(1));
    private static final String OTHER_ADMIN = ISSUER.issueAdmin("other", "other-ops", Duration.ofHours(1));
    private static final String ACME_PEER = ISSUER.issueJoin("acme", "*", "alice", Duration.ofHours(1));

    private static NodeServer node;
    private static NodeServer open;

    @BeforeAll
    static void start() throws Exception {
        node = TestNodes.start(1, b -> b.operations(OperationsSettings.builder().secrets(SECRETS).build()));
        open = TestNodes.start(1, b -> b.nodeId("open-node"));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
        if (open != null) {
            open.close();
        }
    }

    private record Answer(int status, JsonNode body, String text) {
    }

    private static Answer call(NodeServer server, String method, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url() + path.substring(1)))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        return new Answer(response.statusCode(), Json.MAPPER.readTree(response.body()), response.body());
    }

    private static Answer get(String path, String token) throws Exception {
        return call(node, "GET", path, token);
    }

    @Test
    void withoutTheRightTokenTheClusterIsRefusedAndNothingLeaks() throws Exception {
        try (ProtooClient alice = ProtooClient.connect(node.port(), "roomId=secret-room&peerId=alice&namespace=acme")) {
            alice.request("getRouterRtpCapabilities", null);
            Answer none = get("/api/cluster", null);
            assertThat(none.status()).isEqualTo(401);
            assertThat(none.body().get("code").asText()).isEqualTo("token_missing");

            Answer peer = get("/api/cluster", ACME_PEER);
            assertThat(peer.status()).isEqualTo(403);
            assertThat(peer.body().get("code").asText()).isEqualTo("token_not_admin");

            Answer forged = get("/api/cluster", ISSUER.issueAdmin("other", "x", Duration.ofHours(1)).replace(
                    ISSUER.issueAdmin("other", "x", Duration.ofHours(1)).split("\\.")[2], "AAAA"));
            assertThat(forged.status()).isEqualTo(401);

            Answer garbage = get("/api/cluster", "not-a-jwt");
            assertThat(garbage.status()).isEqualTo(401);

            Answer foreign = get("/api/cluster?namespace=acme", OTHER_ADMIN);
            assertThat(foreign.status()).isEqualTo(403);
            assertThat(foreign.body().get("code").asText()).isEqualTo("token_foreign_namespace");

            Answer foreignRoom = get("/api/rooms/acme/secret-room", OTHER_ADMIN);
            assertThat(foreignRoom.status()).isEqualTo(403);

            for (Answer refused : new Answer[] {none, peer, forged, garbage, foreign, foreignRoom}) {
                assertThat(refused.text()).doesNotContain("secret-room", "alice", "it-node", "127.0.0.1");
                assertThat(refused.body().has("error")).isTrue();
            }

            // The other namespace's admin sees the node but none of acme's rooms.
            Answer otherView = get("/api/cluster", OTHER_ADMIN);
            assertThat(otherView.status()).isEqualTo(200);
            assertThat(otherView.text()).doesNotContain("secret-room", "alice");
            assertThat(otherView.body().get("scope").get("namespace").asText()).isEqualTo("other");
            otherView.body().get("nodes").get(0).get("rooms").forEach(room ->
                    assertThat(room.get("namespace").asText()).isEqualTo("other"));
        }
    }

    @Test
    void namespaceAdminAndOperatorSeeRoomsAndPeers() throws Exception {
        try (ProtooClient bob = ProtooClient.connect(node.port(), "roomId=r1&peerId=bob&namespace=acme&region=eu/de");
                ProtooClient carol = ProtooClient.connect(node.port(), "roomId=r2&peerId=carol&namespace=other")) {
            JsonNode caps = bob.request("getRouterRtpCapabilities", null).get("data");
            bob.request("join", Map.of("displayName", "Bob", "device", Map.of(), "rtpCapabilities", caps));
            carol.request("getRouterRtpCapabilities", null);
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                JsonNode all = get("/api/cluster", OPERATOR).body();
                assertThat(all.get("totals").get("rooms").asInt()).isEqualTo(2);
                JsonNode nodeJson = all.get("nodes").get(0);
                assertThat(nodeJson.get("id").asText()).isEqualTo("it-node");
                assertThat(nodeJson.get("state").asText()).isEqualTo("up");
                assertThat(nodeJson.get("server").has("cpu")).isTrue();
                assertThat(nodeJson.get("service").get("peers").asInt()).isEqualTo(2);
                assertThat(all.get("peerRegions").get("eu/de").asInt()).isEqualTo(1);
            });
            // The view is the node's last report: one sampled between bob's connection and his join
            // already counts him, without the name he joined with.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                JsonNode acme = get("/api/cluster", ACME_ADMIN).body();
                assertThat(acme.get("totals").get("rooms").asInt()).isEqualTo(1);
                JsonNode room = acme.get("nodes").get(0).get("rooms").get(0);
                assertThat(room.get("roomId").asText()).isEqualTo("r1");
                assertThat(room.get("peers").get(0).get("id").asText()).isEqualTo("bob");
                assertThat(room.get("peers").get(0).path("displayName").asText()).isEqualTo("Bob");
                assertThat(room.get("peers").get(0).get("region").asText()).isEqualTo("eu/de");
                assertThat(acme.toString()).doesNotContain("carol", "r2");
            });

            Answer detail = get("/api/rooms/acme/r1", ACME_ADMIN);
            assertThat(detail.status()).isEqualTo(200);
            assertThat(detail.body().get("nodeId").asText()).isEqualTo("it-node");
            assertThat(detail.body().get("workerIndex").asInt()).isZero();
            assertThat(detail.body().get("peers").get(0).get("producers").isArray()).isTrue();
            assertThat(get("/api/rooms/acme/nope", ACME_ADMIN).status()).isEqualTo(404);
        }
    }

    @Test
    void theSummaryAndPagesOfNodes() throws Exception {
        Answer summary = get("/api/cluster?view=summary", OPERATOR);
        assertThat(summary.status()).as(summary.text()).isEqualTo(200);
        assertThat(summary.body().get("view").asText()).isEqualTo("summary");
        assertThat(summary.body().get("totals").get("nodes").asInt()).isEqualTo(1);
        JsonNode figures = summary.body().get("nodes").get(0);
        assertThat(figures.get("id").asText()).isEqualTo("it-node");
        assertThat(figures.has("service")).isTrue();
        assertThat(figures.has("rooms")).isFalse();
        assertThat(figures.has("workers")).isFalse();
        assertThat(get("/api/cluster?view=full", OPERATOR).body().get("nodes").get(0).has("rooms")).isTrue();
        assertThat(get("/api/cluster", OPERATOR).body().has("view")).isFalse();
        assertThat(get("/api/cluster?view=everything", OPERATOR).status()).isEqualTo(400);

        Answer page = get("/api/nodes?offset=0&limit=1", OPERATOR);
        assertThat(page.status()).as(page.text()).isEqualTo(200);
        assertThat(page.body().get("total").asInt()).isEqualTo(1);
        assertThat(page.body().get("limit").asInt()).isEqualTo(1);
        assertThat(page.body().get("nodes").get(0).has("rooms")).isTrue();
        assertThat(get("/api/nodes", OPERATOR).body().get("limit").asInt()).isEqualTo(100);
        assertThat(get("/api/nodes?offset=1", OPERATOR).body().get("nodes")).isEmpty();
        assertThat(get("/api/nodes?limit=0", OPERATOR).status()).isEqualTo(400);
        assertThat(get("/api/nodes?limit=1001", OPERATOR).status()).isEqualTo(400);
        assertThat(get("/api/nodes?offset=-1", OPERATOR).status()).isEqualTo(400);
        assertThat(get("/api/nodes?offset=x", OPERATOR).status()).isEqualTo(400);
        assertThat(get("/api/nodes", null).status()).isEqualTo(401);
        assertThat(get("/api/nodes", ACME_PEER).status()).isEqualTo(403);
        assertThat(get("/api/nodes?namespace=acme", OTHER_ADMIN).status()).isEqualTo(403);
        assertThat(call(node, "POST", "/api/nodes", OPERATOR).status()).isEqualTo(405);
    }

    @Test
    void kickCloseAndDrainTakeEffect() throws Exception {
        try (ProtooClient dave = ProtooClient.connect(node.port(), "roomId=k1&peerId=dave&namespace=acme");
                ProtooClient erin = ProtooClient.connect(node.port(), "roomId=k1&peerId=erin&namespace=acme")) {
            dave.request("getRouterRtpCapabilities", null);
            erin.request("getRouterRtpCapabilities", null);
            assertThat(call(node, "DELETE", "/api/rooms/acme/k1/peers/dave", OTHER_ADMIN).status()).isEqualTo(403);
            Answer kicked = call(node, "DELETE", "/api/rooms/acme/k1/peers/dave", ACME_ADMIN);
            assertThat(kicked.status()).as(kicked.text()).isEqualTo(200);
            assertThat(dave.awaitClose()).isEqualTo(CloseCodes.CLOSED_BY_SERVER);
            assertThat(call(node, "DELETE", "/api/rooms/acme/k1/peers/dave", ACME_ADMIN).status()).isEqualTo(404);

            Answer closed = call(node, "DELETE", "/api/rooms/acme/k1", ACME_ADMIN);
            assertThat(closed.status()).as(closed.text()).isEqualTo(200);
            assertThat(erin.awaitClose()).isEqualTo(CloseCodes.CLOSED_BY_SERVER);
            await().atMost(Duration.ofSeconds(2)).until(() -> node.rooms().rooms().stream()
                    .noneMatch(r -> r.key().roomId().equals("k1")));
            assertThat(call(node, "DELETE", "/api/rooms/acme/k1", ACME_ADMIN).status()).isEqualTo(404);
        }
        assertThat(call(node, "GET", "/api/rooms/acme/k1/peers/dave", ACME_ADMIN).status()).isEqualTo(405);
        assertThat(call(node, "GET", "/api/nodes/it-node/drain", OPERATOR).status()).isEqualTo(405);
        assertThat(call(node, "POST", "/api/nodes/it-node/drain", ACME_ADMIN).status()).isEqualTo(403);
        assertThat(call(node, "POST", "/api/nodes/elsewhere/drain", OPERATOR).status()).isEqualTo(404);
        assertThat(call(node, "GET", "/api/rooms/acme", OPERATOR).status()).isEqualTo(404);
    }

    @Test
    void drainShowsInHealthAndCluster() throws Exception {
        Answer drained = call(open, "POST", "/api/nodes/open-node/drain", null);
        assertThat(drained.status()).as(drained.text()).isEqualTo(200);
        assertThat(call(open, "GET", "/health", null).body().get("status").asText()).isEqualTo("draining");
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() ->
                assertThat(call(open, "GET", "/api/cluster", null).body().get("nodes").get(0).get("state").asText())
                        .isEqualTo("draining"));
    }

    @Test
    void withoutSecretsTheApiIsOpenOnLoopback() throws Exception {
        Answer view = call(open, "GET", "/api/cluster", null);
        assertThat(view.status()).isEqualTo(200);
        assertThat(view.body().get("scope").get("operator").asBoolean()).isTrue();
    }
}
