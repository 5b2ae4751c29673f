package org.mscluster.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A protoo client on the JDK's WebSocket, as a browser's protoo-client behaves towards the cluster:
 * {@link #enter} connects to an entry point, follows {@code redirect} notifications (close 4302) to
 * the node that hosts the room, and is in once the node answers {@code getRouterRtpCapabilities}.
 * Server requests ({@code newConsumer}…) are accepted at once.
 */
final class ProtooClient implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    /** A redirect the client followed. */
    record Hop(String fromUrl, String toUrl, String nodeId, String reason) {
    }

    /** The handshake was refused with an HTTP status (401/403 for tokens). */
    static final class Refused extends RuntimeException {
        final int status;

        Refused(int status) {
            super("handshake refused with HTTP " + status);
            this.status = status;
        }
    }

    final String url;
    final List<Hop> hops = new ArrayList<>();
    final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    JsonNode routerRtpCapabilities;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> awaited = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private volatile WebSocket socket;
    private CompletableFuture<WebSocket> lastSend;

    private ProtooClient(String url) {
        this.url = url;
    }

    /** Opens one socket; fails with {@link Refused} when the handshake gets an HTTP error. */
    static CompletableFuture<ProtooClient> connect(String url) {
        ProtooClient client = new ProtooClient(url);
        return HTTP.newWebSocketBuilder().subprotocols("protoo").connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(url), client.new Listener())
                .handle((socket, error) -> {
                    if (error != null) {
                        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
                        if (cause instanceof WebSocketHandshakeException handshake) {
                            throw new Refused(handshake.getResponse().statusCode());
                        }
                        throw new CompletionException(cause);
                    }
                    client.socket = socket;
                    synchronized (client) {
                        client.lastSend = CompletableFuture.completedFuture(socket);
                    }
                    return client;
                });
    }

    /**
     * Enters through {@code entryUrl} as the web client does: connect, ask for the router's
     * capabilities, and follow redirects until a server answers (at most {@code maxHops} redirects).
     */
    static CompletableFuture<ProtooClient> enter(String entryUrl, List<Hop> hopsSoFar, int maxHops) {
        return connect(entryUrl).thenCompose(client -> {
            client.hops.addAll(hopsSoFar);
            CompletableFuture<JsonNode> redirect = client.notification("redirect");
            CompletableFuture<JsonNode> capabilities = client.request("getRouterRtpCapabilities", Map.of());
            // A server that does not host the room sends the redirect before it refuses the request
            // (both on the socket's one receiving thread): once either has settled, a redirect that
            // arrived wins over the refusal.
            return CompletableFuture.anyOf(redirect, capabilities.handle((caps, error) -> caps))
                    .thenCompose(settled -> {
                        JsonNode redirected = redirect.getNow(null);
                        if (redirected == null) {
                            // No redirect: either this server hosts the room (capabilities), or the socket failed.
                            return capabilities.thenApply(caps -> {
                                client.routerRtpCapabilities = caps;
                                return client;
                            });
                        }
                        JsonNode data = redirected.path("data");
                        if (client.hops.size() >= maxHops) {
                            client.close();
                            throw new IllegalStateException("more than " + maxHops + " redirects: " + client.hops);
                        }
                        List<Hop> hops = new ArrayList<>(client.hops);
                        hops.add(new Hop(entryUrl, data.path("url").asText(), data.path("nodeId").asText(),
                                data.path("reason").asText()));
                        return client.closeCode.orTimeout(10, TimeUnit.SECONDS).thenCompose(code -> {
                            if (code != 4302) {
                                throw new IllegalStateException("redirect closed with " + code + ", not 4302");
                            }
                            return enter(data.path("url").asText(), hops, maxHops);
                        });
                    });
        });
    }

    static CompletableFuture<ProtooClient> enter(String entryUrl) {
        return enter(entryUrl, List.of(), 3);
    }

    /** The node the last redirect sent this client to, or null if it landed where it entered. */
    String landedNodeId() {
        return hops.isEmpty() ? null : hops.get(hops.size() - 1).nodeId();
    }

    /** The demo's {@code join}, with the router's own capabilities as the device's. */
    CompletableFuture<JsonNode> join(String displayName) {
        ObjectNode data = JSON.createObjectNode();
        data.put("displayName", displayName);
        data.putObject("device").put("flag", "java").put("name", "ProtooClient");
        data.set("rtpCapabilities", routerRtpCapabilities);
        return request("join", data);
    }

    CompletableFuture<JsonNode> request(String method, Object data) {
        long id = nextId.getAndIncrement();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode();
        message.put("request", true).put("id", id).put("method", method);
        message.set("data", JSON.valueToTree(data));
        send(message).exceptionally(error -> {
            answer.completeExceptionally(error);
            return null;
        });
        closeCode.thenRun(() -> answer.completeExceptionally(new IllegalStateException("socket closed")));
        return answer;
    }

    /** The first notification with this method, received or still to come. */
    CompletableFuture<JsonNode> notification(String method) {
        CompletableFuture<JsonNode> future = awaited.computeIfAbsent(method, m -> new CompletableFuture<>());
        notifications.stream().filter(n -> method.equals(n.path("method").asText())).findFirst().ifPresent(future::complete);
        return future;
    }

    boolean isOpen() {
        return !closeCode.isDone();
    }

    /** The JDK's WebSocket takes one outgoing message at a time: each send waits for the previous one. */
    private synchronized CompletableFuture<WebSocket> send(JsonNode message) {
        CompletableFuture<WebSocket> next = lastSend.thenCompose(ws -> ws.sendText(message.toString(), true));
        lastSend = next.exceptionally(error -> socket);
        return next;
    }

    @Override
    public void close() {
        WebSocket s = socket;
        if (s != null) {
            s.abort();
        }
        closeCode.complete(-1);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder text = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            text.append(data);
            if (last) {
                String whole = text.toString();
                text.setLength(0);
                try {
                    onMessage(webSocket, JSON.readTree(whole));
                } catch (Exception e) {
                    closeCode.complete(-2);
                }
            }
            webSocket.request(1);
            return null;
        }

        private void onMessage(WebSocket webSocket, JsonNode message) {
            if (message.path("response").asBoolean()) {
                CompletableFuture<JsonNode> answer = pending.remove(message.path("id").asLong());
                if (answer != null) {
                    if (message.path("ok").asBoolean()) {
                        answer.complete(message.path("data"));
                    } else {
                        answer.completeExceptionally(new IllegalStateException("protoo error " + message.path("errorCode").asInt()
                                + ": " + message.path("errorReason").asText()));
                    }
                }
            } else if (message.path("request").asBoolean()) {
                ObjectNode ok = JSON.createObjectNode();
                ok.put("response", true).put("id", message.path("id").asLong()).put("ok", true).putObject("data");
                send(ok);
            } else if (message.path("notification").asBoolean()) {
                notifications.add(message);
                CompletableFuture<JsonNode> waiting = awaited.get(message.path("method").asText());
                if (waiting != null) {
                    waiting.complete(message);
                }
            }
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(-1);
        }
    }
}
