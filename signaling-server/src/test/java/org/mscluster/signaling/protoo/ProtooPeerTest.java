package org.mscluster.signaling.protoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mscluster.signaling.json.Json;

class ProtooPeerTest {

    private final EmbeddedChannel channel = new EmbeddedChannel();
    private final ProtooPeer peer = new ProtooPeer("alice", channel, Duration.ofSeconds(5));

    @AfterEach
    void close() {
        channel.finishAndReleaseAll();
    }

    private JsonNode written() throws Exception {
        TextWebSocketFrame frame = channel.readOutbound();
        assertThat(frame).as("a frame was written").isNotNull();
        try {
            return Json.MAPPER.readTree(frame.text());
        } finally {
            frame.release();
        }
    }

    @Test
    void aRequestCompletesWithTheClientsAnswer() throws Exception {
        CompletableFuture<JsonNode> answer = peer.request("newConsumer", Map.of("id", "c1"));
        JsonNode sent = written();
        assertThat(sent.get("request").asBoolean()).isTrue();
        assertThat(sent.get("method").asText()).isEqualTo("newConsumer");
        assertThat(sent.get("data").get("id").asText()).isEqualTo("c1");

        peer.receive(ProtooMessage.Response.success(sent.get("id").asLong(), Json.object().put("x", 1)));
        assertThat(answer).isCompleted();
        assertThat(answer.get().get("x").asInt()).isEqualTo(1);
        assertThat(peer.pendingRequests()).isZero();
    }

    @Test
    void aRejectedRequestFailsWithTheClientsErrorCode() throws Exception {
        CompletableFuture<JsonNode> answer = peer.request("newConsumer", null);
        long id = written().get("id").asLong();
        peer.receive(ProtooMessage.Response.error(id, 403, "nope"));
        assertThat(answer).isCompletedExceptionally();
        ExecutionException e = catchThrowableOfType(ExecutionException.class, answer::get);
        assertThat(((ProtooError) e.getCause()).code()).isEqualTo(403);
    }

    @Test
    void aRequestTheClientNeverAnswersTimesOut() throws Exception {
        channel.freezeTime();
        CompletableFuture<JsonNode> answer = peer.request("newConsumer", null);
        written();
        channel.advanceTimeBy(4, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(answer).isNotDone();
        channel.advanceTimeBy(2, TimeUnit.SECONDS);
        channel.runScheduledPendingTasks();
        assertThat(answer).isCompletedExceptionally();
        ExecutionException e = catchThrowableOfType(ExecutionException.class, answer::get);
        assertThat(((ProtooError) e.getCause()).code()).isEqualTo(ProtooError.TIMEOUT);
        assertThat(peer.pendingRequests()).isZero();
    }

    @Test
    void closingTheChannelFailsEveryPendingRequest() {
        CompletableFuture<JsonNode> first = peer.request("newConsumer", null);
        CompletableFuture<JsonNode> second = peer.request("newDataConsumer", null);
        channel.close();
        assertThat(first).isCompletedExceptionally();
        assertThat(second).isCompletedExceptionally();
        assertThat(peer.isClosed()).isTrue();
        assertThat(peer.closeFuture()).isCompleted();
        assertThat(peer.request("late", null)).isCompletedExceptionally();
    }

    @Test
    void aLateAnswerToAnExpiredRequestIsIgnored() throws Exception {
        peer.receive(ProtooMessage.Response.success(123456, null));
        assertThat(channel.isOpen()).isTrue();
    }

    @Test
    void incomingRequestsAreAnsweredWithTheHandlersResult() throws Exception {
        peer.setRequestHandler((p, request) -> CompletableFuture.completedFuture(Map.of("echo", request.method())));
        peer.receive(new ProtooMessage.Request(5, "getRouterRtpCapabilities", null));
        JsonNode response = written();
        assertThat(response.get("response").asBoolean()).isTrue();
        assertThat(response.get("id").asLong()).isEqualTo(5);
        assertThat(response.get("ok").asBoolean()).isTrue();
        assertThat(response.get("data").get("echo").asText()).isEqualTo("getRouterRtpCapabilities");
    }

    @Test
    void aNullResultIsAnEmptyObject() throws Exception {
        peer.setRequestHandler((p, request) -> CompletableFuture.completedFuture(null));
        peer.receive(new ProtooMessage.Request(6, "resumeConsumer", null));
        assertThat(written().get("data").size()).isZero();
    }

    @Test
    void handlerFailuresBecomeErrorResponsesWithTheirCode() throws Exception {
        peer.setRequestHandler((p, request) -> {
            switch (request.method()) {
                case "forbidden":
                    throw new ProtooError(403, "not yours");
                case "bad":
                    return CompletableFuture.failedFuture(new IllegalArgumentException("invalid rtpParameters"));
                default:
                    throw new IllegalStateException("boom");
            }
        });
        peer.receive(new ProtooMessage.Request(1, "forbidden", null));
        peer.receive(new ProtooMessage.Request(2, "bad", null));
        peer.receive(new ProtooMessage.Request(3, "other", null));
        JsonNode forbidden = written();
        JsonNode bad = written();
        JsonNode other = written();
        assertThat(forbidden.get("errorCode").asInt()).isEqualTo(403);
        assertThat(forbidden.get("errorReason").asText()).isEqualTo("not yours");
        assertThat(bad.get("errorCode").asInt()).isEqualTo(400);
        assertThat(other.get("errorCode").asInt()).isEqualTo(500);
        assertThat(other.get("ok").asBoolean()).isFalse();
    }

    @Test
    void aClientFloodingRequestsGetsTooManyRequests() throws Exception {
        CompletableFuture<Object> never = new CompletableFuture<>();
        peer.setRequestHandler((p, request) -> never);
        for (int i = 0; i < ProtooPeer.MAX_INCOMING_IN_FLIGHT + 1; i++) {
            peer.receive(new ProtooMessage.Request(i, "slow", null));
        }
        JsonNode response = written();
        assertThat(response.get("id").asLong()).isEqualTo(ProtooPeer.MAX_INCOMING_IN_FLIGHT);
        assertThat(response.get("errorCode").asInt()).isEqualTo(ProtooError.TOO_MANY_REQUESTS);
    }

    @Test
    void notificationsAfterCloseAreDropped() {
        channel.close();
        peer.notify("newPeer", Map.of());
        assertThat((Object) channel.readOutbound()).isNull();
    }
}
