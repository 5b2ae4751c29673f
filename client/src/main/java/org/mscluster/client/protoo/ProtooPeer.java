package org.mscluster.client.protoo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One protoo connection (protoo-client's {@code Peer}) on the JDK's WebSocket: requests complete futures,
 * notifications and server requests go to a {@link Listener}, and the close code is reported once.
 *
 * <p>It does not reconnect: what to do when a socket closes (follow a redirect, go back to the entry point,
 * give up) is the caller's decision, because only the caller knows where it entered the service.
 */
public final class ProtooPeer implements AutoCloseable {

    /** Close code of a server that redirects the client elsewhere (mscluster's extension). */
    public static final int CLOSE_REDIRECT = 4302;
    /** Close code of a server that closed the peer for good (protoo: do not reconnect). */
    public static final int CLOSE_BY_SERVER = 4000;

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);

    /** What the server says to the peer. Called on the WebSocket's thread, one message at a time. */
    public interface Listener {
        /** A server notification. */
        void onNotification(String method, JsonNode data);

        /** A server request; complete the future with the response data, or exceptionally to reject it. */
        CompletableFuture<JsonNode> onRequest(String method, JsonNode data);

        /** The socket closed (code 1006 when it dropped without a close frame). Called once. */
        void onClose(int code, String reason);

        /** A frame that is not a protoo message (binary, or not JSON): ignored, as protoo-client does, unless overridden. */
        default void onMalformed(String what) {
        }
    }

    private final String url;
    private final Listener listener;
    private final Duration requestTimeout;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile WebSocket socket;
    private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

    private ProtooPeer(String url, Listener listener, Duration requestTimeout) {
        this.url = url;
        this.listener = listener;
        this.requestTimeout = requestTimeout;
    }

    /**
     * Opens a protoo socket to {@code url} (subprotocol {@code protoo}). Fails with {@link ProtooException}
     * carrying the HTTP status and body when the server refuses the handshake (401/403 for tokens).
     */
    public static CompletableFuture<ProtooPeer> connect(String url, Listener listener) {
        return connect(HTTP, url, listener, REQUEST_TIMEOUT);
    }

    /**
     * As {@link #connect(String, Listener)}, on the caller's {@code http} client (whose executor runs the
     * listener), with requests failing ({@link ProtooException.Kind#TIMEOUT}) after {@code requestTimeout}.
     */
    public static CompletableFuture<ProtooPeer> connect(HttpClient http, String url, Listener listener, Duration requestTimeout) {
        ProtooPeer peer = new ProtooPeer(url, listener, requestTimeout);
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(new ProtooException(0, "not a URL: " + url));
        }
        return http.newWebSocketBuilder()
                .subprotocols("protoo")
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, peer.new Receiver())
                .handle((socket, error) -> {
                    if (error != null)
                        throw new CompletionException(refusal(url, unwrap(error)));
                    peer.socket = socket;
                    return peer;
                });
    }

    private static ProtooException refusal(String url, Throwable error) {
        if (error instanceof WebSocketHandshakeException handshake) {
            Object body = handshake.getResponse().body();
            return new ProtooException(ProtooException.Kind.REFUSED, handshake.getResponse().statusCode(), "the server refused the connection (HTTP "
                    + handshake.getResponse().statusCode() + (body != null && !body.toString().isBlank() ? ": " + body : "") + ")");
        }
        String why = error instanceof java.net.ConnectException ? "connection refused (no server listening there?)"
                : error.getMessage() != null ? error.getMessage() : error.getClass().getSimpleName();
        return new ProtooException(ProtooException.Kind.CONNECTION, 0, "cannot connect to " + url + ": " + why, error);
    }

    public String url() {
        return url;
    }

    /** Sends a request and completes with the response's data, or fails with {@link ProtooException}. */
    public CompletableFuture<JsonNode> request(String method, Object data) {
        long id = nextId.getAndIncrement();
        CompletableFuture<JsonNode> response = new CompletableFuture<>();
        pending.put(id, response);
        ObjectNode message = JSON.createObjectNode().put("request", true).put("id", id).put("method", method);
        message.set("data", data == null ? JSON.createObjectNode() : JSON.valueToTree(data));
        send(message);
        return response.orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> pending.remove(id))
                .exceptionallyCompose(error -> CompletableFuture.failedFuture(unwrap(error) instanceof TimeoutException
                        ? new ProtooException(ProtooException.Kind.TIMEOUT, 0, method + " got no response in "
                                + requestTimeout.toMillis() + " ms")
                        : unwrap(error)));
    }

    /** Sends a notification. */
    public void notify(String method, Object data) {
        ObjectNode message = JSON.createObjectNode().put("notification", true).put("method", method);
        message.set("data", data == null ? JSON.createObjectNode() : JSON.valueToTree(data));
        send(message);
    }

    /** Completes once the socket has closed, whoever closed it. */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    private synchronized void send(ObjectNode message) {
        WebSocket ws = socket;
        if (ws == null || closed.isDone())
            return;
        String text = message.toString();
        // The JDK allows one outstanding send at a time: chain them.
        sending = sending.handle((r, e) -> null).thenCompose(x -> ws.sendText(text, true));
    }

    @Override
    public void close() {
        WebSocket ws = socket;
        if (ws != null && !closed.isDone()) {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(2, TimeUnit.SECONDS)
                    .whenComplete((r, e) -> ws.abort());
        }
        finish(WebSocket.NORMAL_CLOSURE, "closed by the client");
    }

    /** Drops the TCP connection without a close frame, as a browser tab that is killed does. */
    public void abort() {
        WebSocket ws = socket;
        if (ws != null) {
            ws.abort();
        }
        finish(1006, "aborted by the client");
    }

    private void finish(int code, String reason) {
        if (!closed.complete(null))
            return;
        ProtooException gone = new ProtooException(ProtooException.Kind.CONNECTION, 0, "the connection closed (" + code + ")");
        pending.values().forEach(f -> f.completeExceptionally(gone));
        listener.onClose(code, reason);
    }

    private void onMessage(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (Exception e) {
            listener.onMalformed("unparsable frame");
            return;
        }
        JsonNode data = message.path("data");
        if (message.path("response").asBoolean()) {
            CompletableFuture<JsonNode> response = pending.remove(message.path("id").asLong());
            if (response == null)
                return;
            if (message.path("ok").asBoolean())
                response.complete(data.isMissingNode() ? JSON.createObjectNode() : data);
            else
                response.completeExceptionally(new ProtooException(ProtooException.Kind.RESPONSE, message.path("errorCode").asInt(500),
                        message.path("errorReason").asText("request failed")));
        } else if (message.path("request").asBoolean()) {
            long id = message.path("id").asLong();
            CompletableFuture<JsonNode> answer;
            try {
                answer = listener.onRequest(message.path("method").asText(), data);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((result, error) -> {
                ObjectNode reply = JSON.createObjectNode().put("response", true).put("id", id);
                if (error == null) {
                    reply.put("ok", true).set("data", result == null ? JSON.createObjectNode() : result);
                } else {
                    Throwable cause = unwrap(error);
                    reply.put("ok", false).put("errorCode", cause instanceof ProtooException p && p.code() > 0 ? p.code() : 500)
                            .put("errorReason", String.valueOf(cause.getMessage()));
                }
                send(reply);
            });
        } else if (message.path("notification").asBoolean()) {
            listener.onNotification(message.path("method").asText(), data);
        }
    }

    static Throwable unwrap(Throwable error) {
        while ((error instanceof CompletionException || error instanceof java.util.concurrent.ExecutionException) && error.getCause() != null)
            error = error.getCause();
        return error;
    }

    private final class Receiver implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                onMessage(text);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            if (last) {
                listener.onMalformed("binary frame");
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            finish(statusCode, reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            finish(1006, String.valueOf(error.getMessage()));
        }
    }
}
