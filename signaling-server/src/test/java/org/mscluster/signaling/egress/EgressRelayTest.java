package org.mscluster.signaling.egress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomSnapshot;
import org.mscluster.signaling.http.JsonResponse;
import org.mscluster.signaling.http.RouteRequest;
import org.mscluster.signaling.json.Json;

/**
 * The dispatcher's relay of {@code GET /api/egress/{id}} against real HTTP: a node that died keeps its last
 * report (listing the egress) until its lease ends, and the room's node, which followed the egress, answers.
 */
class EgressRelayTest {

    private static final String ID = "EG_0123456789abcdef";
    private static final Instant NOW = Instant.parse("2026-12-04T20:00:00Z");
    private final List<HttpServer> servers = new java.util.ArrayList<>();

    @AfterEach
    void stopServers() {
        servers.forEach(server -> server.stop(0));
    }

    @Test
    void aDeadRunnerStillInTheReportsIsPassedOverForTheNodeThatKnowsHowItEnded() throws Exception {
        NodeReport dead = node("egress-1", true, deadUrl(), ID);
        NodeReport media = node("media-1", false, serving(200, "{\"egressId\":\"" + ID + "\",\"status\":\"failed\"}"));

        JsonResponse answer = get(List.of(dead, media));

        assertThat(answer.status().code()).isEqualTo(200);
        assertThat(json(answer).path("status").asText()).isEqualTo("failed");
    }

    @Test
    void aDeadRunnerThatNobodyElseKnowsGivesItsOwn504() throws Exception {
        NodeReport dead = node("egress-1", true, deadUrl(), ID);
        NodeReport other = node("media-1", false, serving(404, "{\"error\":\"no egress\",\"status\":404}"));

        JsonResponse answer = get(List.of(dead, other));

        assertThat(answer.status().code()).isEqualTo(504);
        assertThat(json(answer).path("error").asText()).contains("node egress-1 did not answer");
    }

    @Test
    void aFinishedEgressInNoReportIsAnsweredByTheNodeThatKnowsItAndAnUnreachableOneDoesNotHideIt() throws Exception {
        NodeReport dead = node("media-2", false, deadUrl());
        NodeReport knows = node("media-1", false, serving(200, "{\"egressId\":\"" + ID + "\",\"status\":\"complete\"}"));

        assertThat(json(get(List.of(dead, knows))).path("status").asText()).isEqualTo("complete");
        assertThat(get(List.of(node("media-3", false, serving(404, "{\"status\":404}")))).status().code()).isEqualTo(404);
    }

    private static JsonResponse get(List<NodeReport> reports) throws Exception {
        EgressRelay relay = new EgressRelay(new org.mscluster.signaling.admin.ClusterSource() {
            @Override
            public java.util.concurrent.CompletionStage<List<NodeReport>> reports() {
                throw new AssertionError("an egress is found from the nodes' summaries, not their room lists");
            }

            @Override
            public java.util.concurrent.CompletionStage<List<org.mscluster.cluster.model.NodeSummary>> summaries() {
                return CompletableFuture.completedFuture(reports.stream().map(NodeReport::summary).toList());
            }
        });
        String uri = "/api/egress/" + ID;
        RouteRequest request = new RouteRequest(HttpMethod.GET, uri, List.of("api", "egress", ID), new QueryStringDecoder(uri),
                "Bearer token", new byte[0], InetAddress.getLoopbackAddress(),
                new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.GET, uri));
        return relay.egress(request, null).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static JsonNode json(JsonResponse answer) {
        return Json.tree(answer.body());
    }

    private static NodeReport node(String id, boolean egressOnly, String url, String... egresses) {
        NodeIdentity identity = NodeIdentity.builder(id).signalingUrl(url).egressOnly(egressOnly).build();
        List<RoomSnapshot> rooms = egresses.length == 0 ? List.of() : List.of(new RoomSnapshot(RoomKey.of("acme", "r1"), 0,
                NOW, List.of(), List.of(), List.of(new RoomSnapshot.Egress(egresses[0], "record", "active", "r1.mkv", NOW, 0))));
        return new NodeReport(identity, NodeLoad.idle(1, NOW), rooms);
    }

    /** A node's admin API that answers every egress GET with {@code status} and {@code body}. */
    private String serving(int status, String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/egress/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        servers.add(server);
        return "ws://127.0.0.1:" + server.getAddress().getPort() + "/";
    }

    /** A port nobody listens on: the node died. */
    private static String deadUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "ws://127.0.0.1:" + socket.getLocalPort() + "/";
        }
    }
}
