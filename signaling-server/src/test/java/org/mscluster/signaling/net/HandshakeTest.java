package org.mscluster.signaling.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mscluster.signaling.http.StaticFiles;
import org.mscluster.signaling.json.Json;
import org.mscluster.signaling.protoo.CloseCodes;
import org.mscluster.signaling.protoo.ConnectionRequest;
import org.mscluster.signaling.protoo.ProtooPeer;

class HandshakeTest {

    private final AtomicReference<ConnectionRequest> accepted = new AtomicReference<>();
    private final AtomicReference<ProtooPeer> peer = new AtomicReference<>();
    private final WebSocketLimits limits = new WebSocketLimits(WebSocketLimits.ONE_MEGABYTE, Duration.ofSeconds(15),
            Duration.ofSeconds(45), Duration.ofSeconds(20));
    private final EmbeddedSignalingChannel client = new EmbeddedSignalingChannel(limits, Map.of(),
            StaticFiles.fromClassPath("no-such-web-root"), (request, p) -> {
                accepted.set(request);
                peer.set(p);
                p.setRequestHandler((self, r) -> CompletableFuture.completedFuture(Map.of("method", r.method())));
            });

    @AfterEach
    void close() {
        client.close();
    }

    private void upgrade() {
        String response = client.http(EmbeddedSignalingChannel.upgradeRequest("/?roomId=r1&peerId=p1&consumerReplicas=undefined", "protoo"));
        assertThat(response).startsWith("HTTP/1.1 101");
    }

    @Test
    void acceptsAndEchoesTheProtooSubprotocol() {
        String response = client.http(EmbeddedSignalingChannel.upgradeRequest(
                "/?roomId=r1&peerId=p1&namespace=acme&consumerReplicas=undefined&region=eu%2Fde", "protoo"));
        assertThat(response).startsWith("HTTP/1.1 101").containsIgnoringCase("sec-websocket-protocol: protoo");
        ConnectionRequest request = accepted.get();
        assertThat(request.roomId()).isEqualTo("r1");
        assertThat(request.peerId()).isEqualTo("p1");
        assertThat(request.namespace()).isEqualTo("acme");
        assertThat(request.region()).isEqualTo("eu/de");
        assertThat(request.consumerReplicas()).isZero();
        assertThat(request.host()).isEqualTo("node.example:4443");
    }

    @Test
    void rejectsAHandshakeWithoutRoomIdOrPeerIdWith400Json() {
        String response = client.http(EmbeddedSignalingChannel.upgradeRequest("/?roomId=r1", "protoo"));
        assertThat(response).startsWith("HTTP/1.1 400").contains("application/json").contains("\"status\":400");
        assertThat(accepted.get()).isNull();
        assertThat(client.channel.isOpen()).isFalse();
    }

    @Test
    void rejectsAHandshakeWithoutTheProtooSubprotocolWith403() {
        String response = client.http(EmbeddedSignalingChannel.upgradeRequest("/?roomId=r1&peerId=p1", "chat, superchat"));
        assertThat(response).startsWith("HTTP/1.1 403").contains("protoo");
        response = new EmbeddedSignalingChannel(limits, Map.of(), StaticFiles.fromClassPath("x"), (r, p) -> { })
                .http(EmbeddedSignalingChannel.upgradeRequest("/?roomId=r1&peerId=p1", null));
        assertThat(response).startsWith("HTTP/1.1 403");
    }

    @Test
    void rejectsAnotherPath() {
        assertThat(client.http(EmbeddedSignalingChannel.upgradeRequest("/ws?roomId=r1&peerId=p1", "protoo"))).startsWith("HTTP/1.1 404");
    }

    @Test
    void answersRequestsOverTheSocket() throws Exception {
        upgrade();
        client.send(new TextWebSocketFrame("{\"request\":true,\"id\":77,\"method\":\"getRouterRtpCapabilities\",\"data\":{}}"));
        List<WebSocketFrame> frames = client.receivedFrames();
        assertThat(frames).hasSize(1);
        var json = Json.MAPPER.readTree(((TextWebSocketFrame) frames.get(0)).text());
        assertThat(json.get("id").asLong()).isEqualTo(77);
        assertThat(json.get("ok").asBoolean()).isTrue();
        assertThat(json.get("data").get("method").asText()).isEqualTo("getRouterRtpCapabilities");
    }

    @Test
    void aRequestWithoutMethodGetsAnErrorResponseAndTheSocketStays() throws Exception {
        upgrade();
        client.send(new TextWebSocketFrame("{\"request\":true,\"id\":5}"));
        List<WebSocketFrame> frames = client.receivedFrames();
        var json = Json.MAPPER.readTree(((TextWebSocketFrame) frames.get(0)).text());
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("errorCode").asInt()).isEqualTo(400);
        assertThat(client.channel.isOpen()).isTrue();
    }

    @Test
    void nonJsonClosesWith1007() {
        upgrade();
        client.send(new TextWebSocketFrame("this is not json"));
        assertClosedWith(CloseCodes.INVALID_PAYLOAD);
    }

    @Test
    void aRequestWithoutIdClosesWith1008() {
        upgrade();
        client.send(new TextWebSocketFrame("{\"request\":true,\"method\":\"join\"}"));
        assertClosedWith(CloseCodes.POLICY_VIOLATION);
    }

    @Test
    void binaryFramesCloseWith1003() {
        upgrade();
        client.send(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(new byte[] {1, 2, 3})));
        assertClosedWith(CloseCodes.UNSUPPORTED_DATA);
    }

    @Test
    void aFrameOverOneMegabyteClosesWith1009() {
        upgrade();
        String big = "{\"request\":true,\"id\":1,\"method\":\"x\",\"data\":\"" + "a".repeat(WebSocketLimits.ONE_MEGABYTE) + "\"}";
        client.send(new TextWebSocketFrame(big));
        assertClosedWith(CloseCodes.MESSAGE_TOO_BIG);
    }

    @Test
    void aFragmentedMessageOverOneMegabyteClosesWith1009() {
        upgrade();
        String half = "a".repeat(WebSocketLimits.ONE_MEGABYTE / 2 + 10);
        client.send(new TextWebSocketFrame(false, 0, half));
        client.send(new ContinuationWebSocketFrame(false, 0, half));
        assertClosedWith(CloseCodes.MESSAGE_TOO_BIG);
    }

    @Test
    void pingsWhenQuietAndClosesWhenTheClientIsSilent() {
        client.channel.freezeTime();
        upgrade();
        tick(16);
        assertThat(client.receivedFrames()).anyMatch(frame -> frame instanceof PingWebSocketFrame);
        tick(15);
        assertThat(client.channel.isOpen()).isTrue();
        tick(15);
        assertClosedWith(CloseCodes.GOING_AWAY);
    }

    @Test
    void aClientThatOnlyAnswersPingsStaysEvenWhileTheServerTalks() {
        client.channel.freezeTime();
        upgrade();
        for (int second = 0; second < 120; second++) {
            // The server notifies all the time (activeSpeaker); that must not hold back the pings.
            peer.get().notify("activeSpeaker", Map.of("volume", -40));
            tick(1);
            if (client.receivedFrames().stream().anyMatch(frame -> frame instanceof PingWebSocketFrame)) {
                client.send(new PongWebSocketFrame());
            }
        }
        assertThat(client.channel.isOpen()).isTrue();
    }

    private void tick(int seconds) {
        client.channel.advanceTimeBy(seconds, TimeUnit.SECONDS);
        client.channel.runScheduledPendingTasks();
    }

    @Test
    void closingTheSocketClosesThePeer() {
        upgrade();
        client.send(new CloseWebSocketFrame(1000, "bye"));
        client.channel.runPendingTasks();
        assertThat(peer.get().isClosed()).isTrue();
    }

    private void assertClosedWith(int code) {
        List<WebSocketFrame> frames = client.receivedFrames();
        assertThat(frames).filteredOn(frame -> frame instanceof CloseWebSocketFrame)
                .singleElement()
                .satisfies(frame -> assertThat(((CloseWebSocketFrame) frame).statusCode()).isEqualTo(code));
        client.channel.runPendingTasks();
        assertThat(client.channel.isOpen()).isFalse();
    }
}
