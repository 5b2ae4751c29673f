package org.mscluster.signaling.net;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.signaling.hosting.ClientHints;
import org.mscluster.signaling.hosting.HostingDecision;
import org.mscluster.signaling.hosting.RoomHosting;
import org.mscluster.signaling.hosting.SignalingUrls;
import org.mscluster.signaling.http.DispatchEndpoint;
import org.mscluster.signaling.http.HealthEndpoint;
import org.mscluster.signaling.http.StaticFiles;
import org.mscluster.signaling.json.Json;

class HttpRoutesTest {

    private final EmbeddedSignalingChannel client = new EmbeddedSignalingChannel(WebSocketLimits.defaults(), Map.of(
            "/health", new HealthEndpoint(() -> Map.of("status", "up", "rooms", 0)),
            "/api/dispatch", new DispatchEndpoint("node-1", new TwoWorkerHosting(),
                    context -> SignalingUrls.base(context.secure(), context.host()))),
            StaticFiles.fromClassPath("test-web"), (request, peer) -> { });

    @AfterEach
    void close() {
        client.close();
    }

    private static String get(String uri) {
        return "GET " + uri + " HTTP/1.1\r\nHost: 10.1.2.3:4443\r\n\r\n";
    }

    private static JsonNode body(String response) throws Exception {
        return Json.MAPPER.readTree(response.substring(response.indexOf("\r\n\r\n") + 4));
    }

    @Test
    void healthIsJson() throws Exception {
        String response = client.http(get("/health"));
        assertThat(response).startsWith("HTTP/1.1 200").contains("application/json");
        assertThat(body(response).get("status").asText()).isEqualTo("up");
    }

    @Test
    void dispatchAnswersThisNodesUrlForItsOwnRooms() throws Exception {
        String response = client.http(get("/api/dispatch?roomId=team%20a&peerId=p1"));
        assertThat(response).startsWith("HTTP/1.1 200");
        JsonNode body = body(response);
        assertThat(body.get("url").asText()).isEqualTo("ws://10.1.2.3:4443/?roomId=team%20a&peerId=p1&namespace=default");
        assertThat(body.get("nodeId").asText()).isEqualTo("node-1");
        assertThat(body.get("workerIndex").asInt()).isZero();
        // Same room, same worker, whoever asks.
        assertThat(body(client.http(get("/api/dispatch?roomId=team%20a&peerId=p2"))).get("workerIndex").asInt()).isZero();
        assertThat(body(client.http(get("/api/dispatch?roomId=other&peerId=p2"))).get("workerIndex").asInt()).isEqualTo(1);
    }

    @Test
    void dispatchWithoutRoomIdIs400Json() throws Exception {
        String response = client.http(get("/api/dispatch?peerId=p1"));
        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(body(response).get("status").asInt()).isEqualTo(400);
    }

    @Test
    void servesTheClientAtTheRootWithItsQuery() {
        String response = client.http(get("/?roomId=test"));
        assertThat(response).startsWith("HTTP/1.1 200").contains("text/html").contains("test client");
    }

    @Test
    void servesScriptsWithTheirType() {
        assertThat(new EmbeddedSignalingChannel(WebSocketLimits.defaults(), Map.of(), StaticFiles.fromClassPath("test-web"), (r, p) -> { })
                .http(get("/app.js"))).startsWith("HTTP/1.1 200").contains("text/javascript");
    }

    @Test
    void unknownPathsAre404Json() throws Exception {
        String response = client.http(get("/nothing/here.png"));
        assertThat(response).startsWith("HTTP/1.1 404").contains("application/json");
    }

    @Test
    void pathTraversalIs404() {
        assertThat(client.http(get("/../../etc/passwd"))).startsWith("HTTP/1.1 404");
    }

    @Test
    void otherMethodsAre405Json() throws Exception {
        String response = client.http("POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}");
        assertThat(response).startsWith("HTTP/1.1 405").contains("application/json");
        assertThat(body(response).get("status").asInt()).isEqualTo(405);
    }

    @Test
    void headHasNoBody() {
        String response = client.http("HEAD /health HTTP/1.1\r\nHost: x\r\n\r\n");
        assertThat(response).startsWith("HTTP/1.1 200").endsWith("\r\n\r\n");
    }
}

/**
 * Every room here, new rooms on the two workers in turn, a known room on its worker: what the HTTP
 * routes need of a hosting, with no cluster behind it.
 */
final class TwoWorkerHosting implements RoomHosting {
    private final Map<RoomKey, Integer> rooms = new ConcurrentHashMap<>();

    @Override
    public CompletionStage<HostingDecision> locate(
            RoomKey room, ClientHints client) {
        int worker = rooms.computeIfAbsent(room, r -> rooms.size() % 2);
        return CompletableFuture.completedFuture(new HostingDecision.Local(worker));
    }

    @Override
    public void release(RoomKey room) {
        rooms.remove(room);
    }
}
