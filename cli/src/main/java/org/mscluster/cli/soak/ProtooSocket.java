package org.mscluster.cli.soak;

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
 * A protoo client socket on the JDK's WebSocket (subprotocol {@code protoo}), as protoo-client 4
 * speaks it: requests with numeric ids whose futures complete with the response's {@code data} or
 * fail with a {@link ProtooError}; server requests and notifications go to a {@link Handler}, whose
 * answer to a server request is sent back as the response. Sends are chained, since the JDK's
 * WebSocket takes one outgoing message at a time.
 */
public final class ProtooSocket {

    static final ObjectMapper JSON = new ObjectMapper();

    /** What the socket hands up: server requests, notifications and the close. */
    public interface Handler {
        /** A server request: true answers it ok (data {}), false with a 500 error. */
        boolean onRequest(String method, JsonNode data);

        void onNotification(String method, JsonNode data);

        /** The socket closed, with the server's close code, or -1 when it broke without one. */
        void onClosed(int code, String reason, boolean closedByUs);
    }

    /** An error response to one of our requests. */
    public static final class ProtooError extends RuntimeException {
        public final String method;
        public final int code;
        public final String reason;

        ProtooError(String method, int code, String reason) {
            super(method + " failed with " + code + ": " + reason);
            this.method = method;
            this.code = code;
            this.reason = reason;
        }
    }

    /** No response within the request timeout. */
    public static final class RequestTimeout extends RuntimeException {
        public final String method;

        RequestTimeout(String method) {
            super(method + " got no response");
            this.method = method;
        }
    }

    /** The socket closed with the request still unanswered. */
    public static final class SocketClosed extends RuntimeException {
        public final String method;

        SocketClosed(String method) {
            super(method + ": the socket closed before the response");
            this.method = method;
        }
    }

    /** The handshake got an HTTP error status. */
    public static final class HandshakeRefused extends RuntimeException {
        public final int status;

        HandshakeRefused(int status) {
            super("handshake refused with HTTP " + status);
            this.status = status;
        }
    }

    private record Pending(String method, CompletableFuture<JsonNode> answer) {
    }

    private final Handler handler;
    private final Duration requestTimeout;
    private final Map<Long, Pending> pending = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private volatile boolean closing;
    private WebSocket socket;
    private CompletableFuture<WebSocket> lastSend;

    private ProtooSocket(Handler handler, Duration requestTimeout) {
        this.handler = handler;
        this.requestTimeout = requestTimeout;
    }

    /** Opens a socket to {@code uri}; fails with {@link HandshakeRefused} on an HTTP error status. */
    public static CompletableFuture<ProtooSocket> open(HttpClient http, URI uri, Handler handler, Duration requestTimeout) {
        ProtooSocket client = new ProtooSocket(handler, requestTimeout);
        return http.newWebSocketBuilder().subprotocols("protoo").connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, client.new Listener())
                .handle((socket, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                        if (cause instanceof WebSocketHandshakeException handshake) {
                            throw new HandshakeRefused(handshake.getResponse().statusCode());
                        }
                        throw new CompletionException(cause);
                    }
                    synchronized (client) {
                        client.socket = socket;
                        client.lastSend = CompletableFuture.completedFuture(socket);
                    }
                    return client;
                });
    }

    /** Sends a request; completes with the response's {@code data}. */
    public CompletableFuture<JsonNode> request(String method, Object data) {
        long id = nextId.getAndIncrement();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        if (closed.isDone()) {
            answer.completeExceptionally(new SocketClosed(method));
            return answer;
        }
        pending.put(id, new Pending(method, answer));
        ObjectNode message = JSON.createObjectNode();
        message.put("request", true).put("id", id).put("method", method);
        message.set("data", data == null ? JSON.createObjectNode() : JSON.valueToTree(data));
        send(message.toString()).exceptionally(error -> {
            fail(id, new SocketClosed(method));
            return null;
        });
        return answer.orTimeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(error -> {
            pending.remove(id);
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            return CompletableFuture.failedFuture(cause instanceof TimeoutException ? new RequestTimeout(method) : cause);
        });
    }

    /** Closes with a close frame (1000) and waits a little for the server's; abrupt: drops the TCP connection. */
    public void close(boolean abrupt) {
        closing = true;
        WebSocket s;
        synchronized (this) {
            s = socket;
        }
        if (s == null) {
            return;
        }
        if (abrupt) {
            s.abort();
        } else {
            send(null);
            try {
                closed.get(5, TimeUnit.SECONDS);
            } catch (Exception e) {
                // no close frame back in time: drop it
            }
            s.abort();
        }
        closedNow(-1, "closed by the client");
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    /** A text message, or the close frame for null; each waits for the previous send. */
    private synchronized CompletableFuture<WebSocket> send(String text) {
        CompletableFuture<WebSocket> next = lastSend.thenCompose(ws -> text == null ? ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye")
                : ws.sendText(text, true));
        lastSend = next.exceptionally(error -> socket);
        return next;
    }

    private void fail(long id, RuntimeException error) {
        Pending request = pending.remove(id);
        if (request != null) {
            request.answer().completeExceptionally(error);
        }
    }

    private void closedNow(int code, String reason) {
        if (closed.complete(code)) {
            for (Long id : pending.keySet()) {
                Pending request = pending.remove(id);
                if (request != null) {
                    request.answer().completeExceptionally(new SocketClosed(request.method()));
                }
            }
            handler.onClosed(code, reason, closing);
        }
    }

    private void onMessage(JsonNode message) {
        if (message.path("response").asBoolean()) {
            Pending request = pending.remove(message.path("id").asLong());
            if (request == null) {
                return;
            }
            if (message.path("ok").asBoolean()) {
                request.answer().complete(message.path("data"));
            } else {
                request.answer().completeExceptionally(new ProtooError(request.method(), message.path("errorCode").asInt(),
                        message.path("errorReason").asText()));
            }
        } else if (message.path("request").asBoolean()) {
            boolean ok = handler.onRequest(message.path("method").asText(), message.path("data"));
            ObjectNode response = JSON.createObjectNode();
            response.put("response", true).put("id", message.path("id").asLong()).put("ok", ok);
            if (ok) {
                response.putObject("data");
            } else {
                response.put("errorCode", 500).put("errorReason", "not handled by the soak client");
            }
            if (!closing) {
                send(response.toString());
            }
        } else if (message.path("notification").asBoolean()) {
            handler.onNotification(message.path("method").asText(), message.path("data"));
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String whole = text.toString();
                text.setLength(0);
                JsonNode message;
                try {
                    message = JSON.readTree(whole);
                } catch (Exception e) {
                    handler.onNotification("<unparsable frame>", null);
                    message = null;
                }
                if (message != null) {
                    onMessage(message);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            handler.onNotification("<binary frame>", null);
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closedNow(statusCode, reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closedNow(-1, error.getClass().getSimpleName());
        }
    }
}
