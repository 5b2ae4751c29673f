package org.mscluster.signaling.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.mscluster.signaling.egress.EgressSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.cluster.token.TokenIssuer;
import org.mscluster.signaling.dispatcher.DispatcherOperations;
import org.mscluster.signaling.dispatcher.DispatcherServer;
import org.mscluster.signaling.testing.ClusterFixture;
import org.mscluster.signaling.testing.ProtooClient;

/**
 * The admin API through a dispatcher: Redis, two nodes publishing their reports, a dispatcher with
 * {@link DispatcherOperations}. {@code /api/cluster} shows both nodes with their rooms and peers; a kick,
 * a room close and a drain sent to the dispatcher reach the hosting node over Redis within 2 s; refusals
 * are 401/403 JSON that name nothing of the cluster.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DispatcherOperationsIT {

    private static final String OPERATOR_SECRET = "cluster-0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static ClusterFixture cluster;
    private static TokenIssuer admins;
    private static DispatcherServer dispatcher;
    private static final Map<String, ProtooClient> clients = new HashMap<>();
    /** peer id -> node it landed on */
    private static final Map<String, String> landed = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        cluster = new ClusterFixture();
        NamespaceSecrets secrets = NamespaceSecrets.parse(List.of("acme=" + ClusterFixture.ACME_SECRET,
                "beta=" + ClusterFixture.BETA_SECRET, "default=" + ClusterFixture.DEFAULT_SECRET, "cluster=" + OPERATOR_SECRET));
        admins = new TokenIssuer(secrets, Clock.systemUTC());
        // Egress (relayed by the dispatcher) writes under target/, not into the source tree.
        Path egressDir = Path.of("target", "dispatcher-operations-it-egress").toAbsolutePath();
        cluster.node("node-a", 1, s -> { }, b -> b.egress(EgressSettings.defaults().withDir(egressDir)));
        cluster.node("node-b", 1, s -> { }, b -> b.egress(EgressSettings.defaults().withDir(egressDir)));
        // A room limit of 1: the dashboard's feed of this cluster (two rooms and more) is the summary.
        dispatcher = cluster.dispatcher(b -> b.extraRoutes(new DispatcherOperations(secrets, "cluster", null, null)
                .dashboardRoomLimit(1)));
        // Rooms until both nodes host one (placement spreads new rooms by load).
        for (int room = 0; room < 8 && new HashSet<>(landed.values()).size() < 2; room++) {
            for (int peer = 0; peer < 2; peer++) {
                String peerId = "r" + room + "-p" + peer;
                ProtooClient client = ProtooClient.enter(cluster.entry(dispatcher.url(), "acme", "room-" + room, peerId))
                        .get(30, TimeUnit.SECONDS);
                client.join(peerId).get(30, TimeUnit.SECONDS);
                clients.put(peerId, client);
                landed.put(peerId, client.landedNodeId());
            }
        }
        assertThat(new HashSet<>(landed.values())).as("nodes hosting rooms").containsExactlyInAnyOrder("node-a", "node-b");
    }

    @AfterAll
    static void stop() {
        clients.values().forEach(ProtooClient::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Order(1)
    void clusterShowsBothNodesWithTheirRoomsAndPeers() throws Exception {
        String operator = admins.issueAdmin("cluster", "ops", Duration.ofMinutes(10));
        Map<String, String> seen = Map.of();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            HttpResponse<String> response = send("GET", "api/cluster", operator);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            seen = peersByNode(JSON.readTree(response.body()));
            if (seen.keySet().containsAll(landed.keySet())) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(seen).containsAllEntriesOf(landed);
        JsonNode body = JSON.readTree(send("GET", "api/cluster", operator).body());
        List<String> nodeIds = new ArrayList<>();
        body.path("nodes").forEach(n -> nodeIds.add(n.path("id").asText()));
        assertThat(nodeIds).containsExactly("node-a", "node-b");
        assertThat(body.path("totals").path("peers").asInt()).isGreaterThanOrEqualTo(landed.size() - 2);

        // The room's detail through the dispatcher, for its namespace's admin.
        String acmeAdmin = admins.issueAdmin("acme", "acme-ops", Duration.ofMinutes(10));
        HttpResponse<String> room = send("GET", "api/rooms/acme/room-0", acmeAdmin);
        assertThat(room.statusCode()).as(room.body()).isEqualTo(200);
        assertThat(room.body()).contains("r0-p0").contains(landed.get("r0-p0"));

        // One node through the dispatcher: its report alone, with its rooms and peers.
        String nodeId = landed.get("r0-p0");
        HttpResponse<String> node = send("GET", "api/nodes/" + nodeId, operator);
        assertThat(node.statusCode()).as(node.body()).isEqualTo(200);
        JsonNode detail = JSON.readTree(node.body()).path("node");
        assertThat(detail.path("id").asText()).isEqualTo(nodeId);
        Map<String, String> onIt = peersByNode(JSON.readTree("{\"nodes\":[" + detail + "]}"));
        landed.forEach((peer, at) -> {
            if (at.equals(nodeId)) {
                assertThat(onIt).containsEntry(peer, nodeId);
            }
        });
        assertThat(send("GET", "api/nodes/no-such-node", operator).statusCode()).isEqualTo(404);

        // The dashboard's feed past its room limit: the summary, figures per node and no room lists.
        JsonNode update = firstClusterEvent(operator);
        assertThat(update.path("view").asText()).isEqualTo("summary");
        assertThat(update.path("roomLimit").asInt()).isEqualTo(1);
        assertThat(update.path("nodes")).hasSize(2);
        update.path("nodes").forEach(n -> assertThat(n.has("rooms")).isFalse());
    }

    /** The data of the first {@code event: cluster} of the dashboard's stream. */
    private static JsonNode firstClusterEvent(String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(dispatcher.url() + "api/cluster/stream"))
                .header("Authorization", "Bearer " + token).build();
        HttpResponse<java.util.stream.Stream<String>> response = HTTP.send(request, HttpResponse.BodyHandlers.ofLines());
        try (java.util.stream.Stream<String> lines = response.body()) {
            boolean cluster = false;
            for (java.util.Iterator<String> it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.equals("event: cluster")) {
                    cluster = true;
                } else if (cluster && line.startsWith("data: ")) {
                    return JSON.readTree(line.substring("data: ".length()));
                }
            }
        }
        throw new AssertionError("the stream ended without a cluster event");
    }

    @Test
    @Order(4)
    void aKickThroughTheDispatcherDisconnectsThePeerOnItsNode() throws Exception {
        awaitPeerReported("r1-p1");
        ProtooClient victim = client("r1-p1");
        String acmeAdmin = admins.issueAdmin("acme", "acme-ops", Duration.ofMinutes(10));
        long start = System.nanoTime();
        HttpResponse<String> kick = send("DELETE", "api/rooms/acme/room-1/peers/r1-p1", acmeAdmin);
        assertThat(kick.statusCode()).as(kick.body()).isEqualTo(200);
        assertThat(victim.closeCode.get(2, TimeUnit.SECONDS)).isEqualTo(4000);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(client("r1-p0").isOpen()).as("the other peer of the room").isTrue();

        HttpResponse<String> again = send("DELETE", "api/rooms/acme/room-1/peers/nobody", acmeAdmin);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(404);
        HttpResponse<String> noRoom = send("DELETE", "api/rooms/acme/no-such-room", acmeAdmin);
        assertThat(noRoom.statusCode()).as(noRoom.body()).isEqualTo(404);
    }

    @Test
    @Order(5)
    void closingARoomAndDrainingANodeThroughTheDispatcher() throws Exception {
        awaitPeerReported("r0-p0");
        String operator = admins.issueAdmin("cluster", "ops", Duration.ofMinutes(10));
        HttpResponse<String> close = send("DELETE", "api/rooms/acme/room-0", operator);
        assertThat(close.statusCode()).as(close.body()).isEqualTo(200);
        assertThat(client("r0-p0").closeCode.get(2, TimeUnit.SECONDS)).isEqualTo(4000);
        assertThat(client("r0-p1").closeCode.get(2, TimeUnit.SECONDS)).isEqualTo(4000);

        String drained = landed.get("r0-p0");
        HttpResponse<String> drain = send("POST", "api/nodes/" + drained + "/drain", operator);
        assertThat(drain.statusCode()).as(drain.body()).isEqualTo(200);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        boolean draining = false;
        while (!draining && System.nanoTime() < deadline) {
            draining = JSON.readTree(ClusterFixture.get(nodeHealthUrl(drained)).body()).path("status").asText().equals("draining");
            Thread.sleep(50);
        }
        assertThat(draining).as("node " + drained + " draining within 2 s").isTrue();
        assertThat(cluster.store().registry().find(drained).orElseThrow().identity().state()).isEqualTo(NodeState.DRAINING);

        HttpResponse<String> unknown = send("POST", "api/nodes/no-such-node/drain", operator);
        assertThat(unknown.statusCode()).isEqualTo(404);
        HttpResponse<String> notOperator = send("POST", "api/nodes/" + drained + "/drain",
                admins.issueAdmin("acme", "acme-ops", Duration.ofMinutes(10)));
        assertThat(notOperator.statusCode()).isEqualTo(403);
    }

    @Test
    @Order(2)
    void refusalsAre401Or403JsonAndNameNothing() throws Exception {
        HttpResponse<String> none = send("GET", "api/cluster", null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertRefusal(none, "token_missing");

        HttpResponse<String> peer = send("GET", "api/cluster", cluster.token("acme", "room-0", "r0-p0"));
        assertThat(peer.statusCode()).isEqualTo(403);
        assertRefusal(peer, "token_not_admin");

        String betaAdmin = admins.issueAdmin("beta", "beta-ops", Duration.ofMinutes(10));
        HttpResponse<String> foreign = send("GET", "api/cluster?namespace=acme", betaAdmin);
        assertThat(foreign.statusCode()).isEqualTo(403);
        assertRefusal(foreign, "token_foreign_namespace");
        HttpResponse<String> foreignKick = send("DELETE", "api/rooms/acme/room-2/peers/r2-p0", betaAdmin);
        assertThat(foreignKick.statusCode()).isEqualTo(403);
        assertRefusal(foreignKick, "token_foreign_namespace");

        // A namespace admin sees no other namespace's rooms.
        JsonNode betaView = JSON.readTree(send("GET", "api/cluster", betaAdmin).body());
        assertThat(betaView.path("totals").path("rooms").asInt()).isZero();
        assertThat(betaView.toString()).doesNotContain("room-0").doesNotContain("r0-p0");
    }

    @Test
    @Order(3)
    void theDashboardIsAtTheRootAndTheWebClientUnderClient() throws Exception {
        HttpResponse<String> dashboard = send("GET", "", null);
        assertThat(dashboard.statusCode()).isEqualTo(200);
        assertThat(dashboard.body()).contains("app.js");
        HttpResponse<String> client = send("GET", "client/", null);
        assertThat(client.statusCode()).isEqualTo(200);
        assertThat(client.body()).isNotEqualTo(dashboard.body());
        HttpResponse<String> roomLink = send("GET", "?roomId=abc&peerId=x", null);
        assertThat(roomLink.statusCode()).isEqualTo(302);
        assertThat(roomLink.headers().firstValue("location")).hasValue("/client/?roomId=abc&peerId=x");
    }

    /**
     * Egress through the dispatcher: each request is relayed to the node hosting the room (or running the
     * egress) and answered within 2 s; a finished egress, in no report any more, is still found.
     */
    @Test
    @Order(3)
    void egressThroughTheDispatcherRunsOnTheRoomsNode() throws Exception {
        awaitPeerReported("r1-p0");
        String acmeAdmin = admins.issueAdmin("acme", "acme-ops", Duration.ofMinutes(10));
        long start = System.nanoTime();
        HttpResponse<String> created = send("POST", "api/rooms/acme/room-1/egress", acmeAdmin,
                "{\"type\":\"record\",\"format\":\"mkv\"}");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String id = JSON.readTree(created.body()).get("egressId").asText();
        JsonNode egress = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            egress = JSON.readTree(send("GET", "api/egress/" + id, acmeAdmin).body());
            if ("active".equals(egress.path("status").asText())) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(egress.path("status").asText()).as(String.valueOf(egress)).isEqualTo("active");
        assertThat(egress.path("nodeId").asText()).isEqualTo(landed.get("r1-p0"));
        assertThat(send("GET", "api/rooms/acme/room-1/egress", acmeAdmin).body()).contains(id);
        HttpResponse<String> stopped = send("DELETE", "api/egress/" + id, acmeAdmin);
        assertThat(stopped.statusCode()).as(stopped.body()).isEqualTo(200);
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline && !"complete".equals(egress.path("status").asText())) {
            Thread.sleep(200);
            egress = JSON.readTree(send("GET", "api/egress/" + id, acmeAdmin).body());
        }
        assertThat(egress.path("status").asText()).as(String.valueOf(egress)).isEqualTo("complete");
        assertThat(send("GET", "api/egress/EG_none", acmeAdmin).statusCode()).isEqualTo(404);
        assertThat(send("POST", "api/rooms/acme/no-such-room/egress", acmeAdmin, "{\"type\":\"record\"}").statusCode())
                .isEqualTo(404);
        String betaAdmin = admins.issueAdmin("beta", "beta-ops", Duration.ofMinutes(10));
        assertThat(send("GET", "api/rooms/acme/room-1/egress", betaAdmin).statusCode()).isEqualTo(403);
    }

    @Test
    @Order(6)
    void aRoomYoungerThanTheLastReportIsFoundThroughTheDirectory() throws Exception {
        ProtooClient fresh = ProtooClient.enter(cluster.entry(dispatcher.url(), "acme", "fresh-room", "newcomer"))
                .get(30, TimeUnit.SECONDS);
        clients.put("newcomer", fresh);
        HttpResponse<String> kick = send("DELETE", "api/rooms/acme/fresh-room/peers/newcomer",
                admins.issueAdmin("acme", "acme-ops", Duration.ofMinutes(10)));
        assertThat(kick.statusCode()).as(kick.body()).isEqualTo(200);
        assertThat(fresh.closeCode.get(2, TimeUnit.SECONDS)).isEqualTo(4000);
    }

    private static void assertRefusal(HttpResponse<String> response, String code) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.path("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(body.path("error").asText()).isNotBlank();
        assertThat(response.headers().firstValue("content-type").orElse("")).contains("application/json");
        assertThat(response.body()).doesNotContain("node-a").doesNotContain("node-b").doesNotContain("room-");
    }

    private static ProtooClient client(String peerId) {
        return clients.get(peerId);
    }

    private static void awaitPeerReported(String peerId) throws Exception {
        String operator = admins.issueAdmin("cluster", "ops", Duration.ofMinutes(10));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (peersByNode(JSON.readTree(send("GET", "api/cluster", operator).body())).containsKey(peerId)) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError(peerId + " never reported");
    }

    private static String nodeHealthUrl(String nodeId) {
        return cluster.store().registry().find(nodeId).orElseThrow().identity().signalingUrl().replaceFirst("^ws", "http")
                + "health";
    }

    /** peer id -> node id, as {@code /api/cluster} says. */
    private static Map<String, String> peersByNode(JsonNode cluster) {
        Map<String, String> peers = new HashMap<>();
        for (JsonNode node : cluster.path("nodes")) {
            for (JsonNode room : node.path("rooms")) {
                for (JsonNode peer : room.path("peers")) {
                    peers.put(peer.path("id").asText(), node.path("id").asText());
                }
            }
        }
        return peers;
    }

    private static HttpResponse<String> send(String method, String path, String token) throws Exception {
        return send(method, path, token, null);
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(dispatcher.url() + path)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
