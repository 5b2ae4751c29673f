package org.mscluster.signaling.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.mscluster.signaling.json.Json;

/** A bare protoo client on the JDK's WebSocket: sends whatever the test wants, raw or well-formed. */
final class ProtooTestClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    final WebSocket socket;
    final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final AtomicLong nextId = new AtomicLong(1);

    private ProtooTestClient(WebSocket socket) {
        this.socket = socket;
    }

    static ProtooTestClient connect(int port, String roomId, String peerId) throws Exception {
        return connect(port, "roomId=" + roomId + "&peerId=" + peerId);
    }

    /** @param query the connection query, e.g. {@code roomId=r&peerId=p&namespace=acme&region=eu} */
    static ProtooTestClient connect(int port, String query) throws Exception {
        Listener listener = new Listener();
        WebSocket socket = HTTP.newWebSocketBuilder().subprotocols("protoo").connectTimeout(Duration.ofSeconds(5))
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/?" + query), listener)
                .get(10, TimeUnit.SECONDS);
        ProtooTestClient client = new ProtooTestClient(socket);
        listener.client.complete(client);
        return client;
    }

    long sendRequest(String method, Object data) {
        long id = nextId.getAndIncrement();
        sendText(Json.write(java.util.Map.of("request", true, "id", id, "method", method, "data", Json.tree(data))));
        return id;
    }

    void sendText(String text) {
        socket.sendText(text, true).join();
    }

    /** The response to request {@code id}, answering server requests (newConsumer…) and skipping notifications meanwhile. */
    JsonNode response(long id) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            JsonNode message = messages.poll(100, TimeUnit.MILLISECONDS);
            if (message == null) {
                continue;
            }
            if (message.path("response").asBoolean() && message.path("id").asLong() == id) {
                return message;
            }
        }
        throw new AssertionError("no response to request " + id);
    }

    JsonNode request(String method, Object data) throws InterruptedException {
        return response(sendRequest(method, data));
    }

    /** Waits for a notification with this method. */
    JsonNode notification(String method) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            JsonNode message = messages.poll(100, TimeUnit.MILLISECONDS);
            if (message != null && message.path("notification").asBoolean() && method.equals(message.path("method").asText())) {
                return message;
            }
        }
        throw new AssertionError("no notification " + method);
    }

    /** Waits for a server→client request with this method (not answered: see {@link #answer}). */
    JsonNode serverRequest(String method) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < end) {
            JsonNode message = messages.poll(100, TimeUnit.MILLISECONDS);
            if (message != null && message.path("request").asBoolean() && method.equals(message.path("method").asText())) {
                return message;
            }
        }
        throw new AssertionError("no server request " + method);
    }

    void answer(JsonNode serverRequest) {
        sendText(Json.write(java.util.Map.of("response", true, "id", serverRequest.get("id").asLong(), "ok", true,
                "data", java.util.Map.of())));
    }

    int awaitClose() throws Exception {
        return closeCode.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        socket.abort();
    }

    private static final class Listener implements WebSocket.Listener {
        final CompletableFuture<ProtooTestClient> client = new CompletableFuture<>();
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String whole = text.toString();
                text.setLength(0);
                client.thenAccept(c -> {
                    try {
                        c.messages.add(Json.MAPPER.readTree(whole));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            client.thenAccept(c -> c.closeCode.complete(statusCode));
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            client.thenAccept(c -> c.closeCode.complete(-1));
        }
    }
}
