package org.mscluster.signaling.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.token.TokenIssuer;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.dispatcher.DispatcherServer;
import org.mscluster.signaling.room.Room;
import org.mscluster.signaling.testing.ClusterFixture;
import org.mscluster.signaling.testing.ProtooClient;
import org.mscluster.signaling.testing.SdpOffers;

/**
 * The acceptance test of the cluster: three nodes (two workers each) and two dispatchers on one
 * Redis. Clients are Java protoo clients that enter through a dispatcher, follow the redirect and
 * join, as the web client does.
 */
class ClusterIT {

    private static ClusterFixture cluster;
    private static List<NodeServer> nodes;
    private static DispatcherServer dispatcherA;
    private static DispatcherServer dispatcherB;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ClusterFixture();
        nodes = List.of(cluster.node("node-a", 2), cluster.node("node-b", 2), cluster.node("node-c", 2));
        dispatcherA = cluster.dispatcher();
        dispatcherB = cluster.dispatcher();
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void twoHundredClientsOfOneNewRoomThroughTwoDispatchersAllLandOnOneNodeAndWorker() throws Exception {
        List<ProtooClient> clients = enterAtOnce(200, i -> "crowd", i -> "peer-" + i);
        try {
            Set<String> landedOn = new HashSet<>();
            clients.forEach(c -> landedOn.add(c.landedNodeId()));
            assertThat(landedOn).as("nodes the clients were sent to").hasSize(1);
            NodeServer host = node(landedOn.iterator().next());
            RoomKey key = RoomKey.of("acme", "crowd");
            assertThat(roomsNamed(key)).as("the room on every node").hasSize(1);
            Room room = host.rooms().find(key).orElseThrow();
            assertThat(room.peerCount()).isEqualTo(200);
            RoomPlacement placement = cluster.store().directory().lookup(key).orElseThrow();
            assertThat(placement.nodeId()).isEqualTo(host.nodeId());
            assertThat(placement.workerIndex()).isEqualTo(room.workerIndex());

            // And they can all join: the demo's join answers with the peers already in.
            List<CompletableFuture<JsonNode>> joins = new ArrayList<>();
            for (int i = 0; i < clients.size(); i++) {
                joins.add(clients.get(i).join("Peer " + i));
            }
            CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } finally {
            clients.forEach(ProtooClient::close);
        }
        awaitNoRoom(RoomKey.of("acme", "crowd"));
    }

    @Test
    void fiftyNewRoomsAtOnceThroughTwoDispatchersAreNeverSplit() throws Exception {
        int rooms = 50;
        int perRoom = 4;
        List<ProtooClient> clients = enterAtOnce(rooms * perRoom, i -> "room-" + (i % rooms), i -> "p" + i);
        try {
            Map<String, Set<String>> nodesByRoom = new HashMap<>();
            for (int i = 0; i < clients.size(); i++) {
                nodesByRoom.computeIfAbsent("room-" + (i % rooms), r -> new HashSet<>()).add(clients.get(i).landedNodeId());
            }
            Set<String> usedNodes = new HashSet<>();
            for (int r = 0; r < rooms; r++) {
                RoomKey key = RoomKey.of("acme", "room-" + r);
                assertThat(nodesByRoom.get(key.roomId())).as("nodes clients of %s were sent to", key).hasSize(1);
                List<Room> open = roomsNamed(key);
                assertThat(open).as("%s open on the nodes", key).hasSize(1);
                assertThat(open.get(0).peerCount()).isEqualTo(perRoom);
                RoomPlacement placement = cluster.store().directory().lookup(key).orElseThrow();
                assertThat(placement.workerIndex()).isEqualTo(open.get(0).workerIndex());
                usedNodes.add(placement.nodeId());
            }
            // Fifty rooms spread over the three idle nodes rather than piling onto one.
            assertThat(usedNodes).hasSize(3);
        } finally {
            clients.forEach(ProtooClient::close);
        }
    }

    @Test
    void aNodeRedirectsAClientOfARoomItDoesNotHost() throws Exception {
        ProtooClient first = ProtooClient.enter(cluster.entry(dispatcherA.webSocketUrl(), "acme", "elsewhere", "first"))
                .get(20, TimeUnit.SECONDS);
        NodeServer host = node(first.landedNodeId());
        NodeServer other = nodes.stream().filter(n -> n != host).findFirst().orElseThrow();
        ProtooClient second = ProtooClient.enter(cluster.entry(other.url(), "acme", "elsewhere", "second"))
                .get(20, TimeUnit.SECONDS);
        try {
            assertThat(second.hops).hasSize(1);
            assertThat(second.landedNodeId()).isEqualTo(host.nodeId());
            assertThat(second.hops.get(0).toUrl()).startsWith(host.identity().signalingUrl() + "?roomId=elsewhere&peerId=second");
            assertThat(host.rooms().find(RoomKey.of("acme", "elsewhere")).orElseThrow().peerCount()).isEqualTo(2);
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void apiDispatchAnswersWithTheRoomsNodeAndWorkerOnDispatchersAndNodesAlike() throws Exception {
        String token = cluster.token("acme", "api-room", "p1");
        HttpResponse<String> response = ClusterFixture.get(dispatcherB.url() + "api/dispatch?roomId=api-room&peerId=p1&namespace=acme&token="
                + token);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = ProtooClient.JSON.readTree(response.body());
        String nodeId = body.get("nodeId").asText();
        assertThat(body.get("url").asText()).isEqualTo(node(nodeId).identity().signalingUrl()
                + "?roomId=api-room&peerId=p1&namespace=acme&token=" + token);
        int worker = body.get("workerIndex").asInt();
        for (String base : List.of(dispatcherA.url(), nodes.get(0).url(), nodes.get(2).url())) {
            JsonNode again = ProtooClient.JSON.readTree(ClusterFixture.get(base + "api/dispatch?roomId=api-room&peerId=p1&namespace=acme&token="
                    + token).body());
            assertThat(again.get("nodeId").asText()).as(base).isEqualTo(nodeId);
            assertThat(again.get("workerIndex").asInt()).as(base).isEqualTo(worker);
        }
        HttpResponse<String> health = ClusterFixture.get(dispatcherA.url() + "health");
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat(ProtooClient.JSON.readTree(health.body()).get("status").asText()).isEqualTo("up");
        assertThat(ProtooClient.JSON.readTree(health.body()).get("nodes").asInt()).isEqualTo(3);
    }

    @Test
    void theSameRoomIdInTwoNamespacesIsTwoRooms() throws Exception {
        ProtooClient acme = ProtooClient.enter(cluster.entry(dispatcherA.webSocketUrl(), "acme", "same-name", "p1")).get(20, TimeUnit.SECONDS);
        ProtooClient beta = ProtooClient.enter(cluster.entry(dispatcherB.webSocketUrl(), "beta", "same-name", "p1")).get(20, TimeUnit.SECONDS);
        try {
            assertThat(acme.hops.get(0).toUrl()).contains("namespace=acme");
            assertThat(beta.hops.get(0).toUrl()).contains("namespace=beta");
            assertThat(roomsNamed(RoomKey.of("acme", "same-name"))).singleElement().satisfies(r -> assertThat(r.peerCount()).isEqualTo(1));
            assertThat(roomsNamed(RoomKey.of("beta", "same-name"))).singleElement().satisfies(r -> assertThat(r.peerCount()).isEqualTo(1));
            // An acme token does not open beta's room, whatever its name.
            assertThatThrownBy(() -> ProtooClient.connect(ClusterFixture.query(dispatcherA.url(), "beta", "same-name", "p2",
                    cluster.token("acme", "same-name", "p2"))).join()).hasCauseInstanceOf(ProtooClient.Refused.class);
        } finally {
            acme.close();
            beta.close();
        }
    }

    @Test
    void dispatchersCountTheirDecisionsInMetrics() throws Exception {
        ProtooClient.enter(cluster.entry(dispatcherA.webSocketUrl(), "acme", "metered", "m1")).get(20, TimeUnit.SECONDS).close();
        HttpResponse<String> metrics = ClusterFixture.get(dispatcherA.url() + "metrics");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body())
                .containsPattern("mscluster_dispatch_decisions_total\\{[^}]*outcome=\"placed\"[^}]*\\} [1-9]")
                .containsPattern("mscluster_dispatch_redirect_duration_seconds_count\\{[^}]*\\} [1-9]")
                .containsPattern("mscluster_redis_command_duration_seconds_count\\{[^}]*command=\"place\"[^}]*\\} [1-9]")
                .containsPattern("mscluster_cluster_nodes\\{[^}]*state=\"up\"[^}]*\\} 3");
        // Every /metrics passes Prometheus' own linter, the dispatcher's as the nodes' (MetricsIT).
        for (String base : List.of(dispatcherA.url(), nodes.get(0).url())) {
            String body = ClusterFixture.get(base + "metrics").body();
            Path file = Files.createTempFile("mscluster-metrics", ".txt");
            try {
                Files.writeString(file, body);
                Process promtool = new ProcessBuilder("promtool", "check", "metrics").redirectInput(file.toFile())
                        .redirectErrorStream(true).start();
                String output = new String(promtool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(promtool.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(promtool.exitValue()).as("promtool check metrics on %s:%n%s", base, output).isZero();
            } finally {
                Files.deleteIfExists(file);
            }
        }
    }

    @Test
    void joinsWithoutAValidTokenAreRefusedByDispatchersAndNodes() throws Exception {
        String expired = new TokenIssuer(cluster.secrets,
                Clock.offset(Clock.systemUTC(), Duration.ofHours(-2))).issueJoin("acme", "secure", "p1",
                Duration.ofMinutes(10));
        String foreign = cluster.token("beta", "secure", "p1");
        for (String base : List.of(dispatcherA.url(), nodes.get(1).url())) {
            assertRefused(base, null, 401, "token_missing");
            assertRefused(base, expired, 401, "token_expired");
            assertRefused(base, foreign, 403, "token_foreign_namespace");
            assertRefused(base, cluster.token("acme", "secure", "someone-else"), 403, "token_wrong_peer");
        }
        assertThat(roomsNamed(RoomKey.of("acme", "secure"))).isEmpty();
        assertThat(cluster.store().directory().lookup(RoomKey.of("acme", "secure"))).isEmpty();
    }

    private void assertRefused(String base, String token, int status, String code) throws Exception {
        String url = ClusterFixture.query(base, "acme", "secure", "p1", token);
        assertThatThrownBy(() -> ProtooClient.connect(url).join()).as(url).hasCauseInstanceOf(ProtooClient.Refused.class)
                .satisfies(e -> assertThat(((ProtooClient.Refused) e.getCause()).status).isEqualTo(status));
        RawHttp.Response handshake = RawHttp.upgrade(url);
        assertThat(handshake.status()).as(url).isEqualTo(status);
        assertThat(ProtooClient.JSON.readTree(handshake.body()).get("code").asText()).isEqualTo(code);
        HttpResponse<String> dispatch = ClusterFixture.get(url.replaceFirst("^ws", "http").replace("/?", "/api/dispatch?"));
        assertThat(dispatch.statusCode()).isEqualTo(status);
        assertThat(ProtooClient.JSON.readTree(dispatch.body()).get("code").asText()).isEqualTo(code);
    }

    /** {@code count} clients at once, alternately through the two dispatchers; all must get in. */
    private List<ProtooClient> enterAtOnce(int count, IntFunction<String> room,
            IntFunction<String> peer) throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<ProtooClient>> entering = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DispatcherServer dispatcher = i % 2 == 0 ? dispatcherA : dispatcherB;
            String url = cluster.entry(dispatcher.webSocketUrl(), "acme", room.apply(i), peer.apply(i));
            entering.add(CompletableFuture.runAsync(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }).thenCompose(nothing -> ProtooClient.enter(url)));
        }
        go.countDown();
        CompletableFuture.allOf(entering.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        return entering.stream().map(CompletableFuture::join).toList();
    }

    @Test
    void whipAndWhepPostsToADispatcherAre307ToTheRoomsNodeWithTheSameTokensAsJoins() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        String token = cluster.token("acme", "whip-room", "cam");
        String whip = dispatcherA.url() + "whip/acme/whip-room";

        HttpResponse<String> redirect = post(http, whip, "application/sdp", SdpOffers.chrome(), token);
        assertThat(redirect.statusCode()).as(redirect.body()).isEqualTo(307);
        String location = redirect.headers().firstValue("Location").orElseThrow();
        NodeServer host = nodes.stream().filter(n -> location.startsWith(n.url())).findFirst()
                .orElseThrow(() -> new AssertionError("307 to no node: " + location));
        assertThat(location).isEqualTo(host.url() + "whip/acme/whip-room?peerId=cam");
        assertThat(cluster.store().directory().lookup(RoomKey.of("acme", "whip-room")).orElseThrow().nodeId())
                .as("placed as a join would be").isEqualTo(host.nodeId());
        // A protoo peer of the room entering through the other dispatcher lands on the same node.
        ProtooClient viewer = ProtooClient.enter(cluster.entry(dispatcherB.webSocketUrl(), "acme", "whip-room", "viewer"))
                .get(20, TimeUnit.SECONDS);
        try {
            assertThat(viewer.landedNodeId()).isEqualTo(host.nodeId());
            // Following the 307 (method and body kept) publishes on that node.
            HttpResponse<String> created = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                    .send(request(whip, "application/sdp", SdpOffers.chrome(), token).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
            assertThat(created.body()).contains("a=ice-lite");
            assertThat(host.rooms().find(RoomKey.of("acme", "whip-room")).orElseThrow().peerCount()).isEqualTo(2);
            // WHEP of the WHIP peer goes to the same node, the peer id the dispatcher checked in the Location.
            HttpResponse<String> whep = post(http, dispatcherB.url() + "whep/acme/whip-room?peer=cam", "application/sdp", "v=0",
                    cluster.token("acme", "whip-room", "watcher"));
            assertThat(whep.statusCode()).as(whep.body()).isEqualTo(307);
            assertThat(whep.headers().firstValue("Location")).contains(host.url() + "whep/acme/whip-room?peer=cam&peerId=watcher");
            String resource = created.headers().firstValue("Location").orElseThrow();
            assertThat(http.send(request(resource, null, null, token).DELETE().build(), HttpResponse.BodyHandlers.ofString())
                    .statusCode()).isEqualTo(200);
        } finally {
            viewer.close();
        }

        // Refused as a join through the dispatcher would be, before any node sees the request.
        assertThat(post(http, whip, "application/sdp", "v=0", null).statusCode()).as("no token").isEqualTo(401);
        assertThat(post(http, whip, "application/sdp", "v=0", "not-a-jwt").statusCode()).isEqualTo(401);
        assertThat(post(http, whip, "application/sdp", "v=0", cluster.token("acme", "other-room", "cam")).statusCode())
                .as("token of another room").isEqualTo(403);
        assertThat(post(http, dispatcherA.url() + "whip/beta/whip-room", "application/sdp", "v=0", token).statusCode())
                .as("token of another namespace").isEqualTo(403);
        assertThat(post(http, whip, "application/json", "{}", token).statusCode()).isEqualTo(415);
        for (String method : List.of("GET", "PUT")) {
            assertThat(http.send(request(whip, null, null, token).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode()).as(method).isEqualTo(405);
        }
        HttpResponse<String> options = http.send(request(whip, null, null, null)
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(options.statusCode()).isEqualTo(204);
        assertThat(options.headers().firstValue("Allow")).contains("OPTIONS, POST");
        awaitNoRoom(RoomKey.of("acme", "whip-room"));
    }

    private static HttpRequest.Builder request(String url, String contentType, String body, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20));
        if (body != null) {
            request.POST(HttpRequest.BodyPublishers.ofString(body));
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request;
    }

    private static HttpResponse<String> post(HttpClient http, String url, String contentType, String body, String token)
            throws Exception {
        return http.send(request(url, contentType, body, token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static NodeServer node(String id) {
        return nodes.stream().filter(n -> n.nodeId().equals(id)).findFirst().orElseThrow(() -> new AssertionError("no node " + id));
    }

    private static List<Room> roomsNamed(RoomKey key) {
        return nodes.stream().flatMap(n -> n.rooms().find(key).stream()).toList();
    }

    private static void awaitNoRoom(RoomKey key) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> roomsNamed(key).isEmpty()
                && cluster.store().directory().lookup(key).isEmpty());
    }
}
