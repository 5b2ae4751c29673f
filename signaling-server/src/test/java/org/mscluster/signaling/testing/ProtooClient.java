package org.mscluster.signaling.testing;

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
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The one protoo test client, on the JDK's WebSocket, for tests of nodes and of the cluster.
 *
 * <p>Two ways to drive it, for two kinds of test. A test of a node's protocol opens it with
 * {@link #connect(int, String)} and steps through messages itself: {@link #request} waits for the whole
 * response, {@link #notification} and {@link #serverRequest} wait for the next matching message, and
 * server requests are answered only when the test says so ({@link #answer}). A test of the cluster uses it
 * as a browser's protoo-client behaves: {@link #enter} connects to an entry point, follows {@code redirect}
 * notifications (close 4302) to the node that hosts the room, answers server requests at once, and
 * {@link #requestAsync} and {@link #whenNotified} return futures.
 */
public final class ProtooClient implements AutoCloseable {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final long WAIT_SECONDS = 15;

    /** A redirect the client followed. */
    public record Hop(String fromUrl, String toUrl, String nodeId, String reason) {
    }

    /** The handshake was refused with an HTTP status (401/403 for tokens). */
    public static final class Refused extends RuntimeException {
        public final int status;

        Refused(int status) {
            super("handshake refused with HTTP " + status);
            this.status = status;
        }
    }

    public final String url;
    public final List<Hop> hops = new ArrayList<>();
    public final List<JsonNode> notifications = new CopyOnWriteArrayList<>();
    public final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    /** The reason of the close frame the server sent, once closed. */
    public volatile String closeReason;
    /** Every message received, in order, for the stepping tests. */
    public final BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
    /** Every message received, in order, kept: for tests that look at what arrived without taking it. */
    public final List<JsonNode> received = new CopyOnWriteArrayList<>();
    public JsonNode routerRtpCapabilities;
    private final boolean answersServerRequests;
    private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> awaited = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private volatile WebSocket socket;
    private CompletableFuture<WebSocket> lastSend;

    private ProtooClient(String url, boolean answersServerRequests) {
        this.url = url;
        this.answersServerRequests = answersServerRequests;
    }

    // ---- stepping through a node's protocol ----

    /** Opens a socket to a node on this host and waits for it. */
    public static ProtooClient connect(int port, String roomId, String peerId) throws Exception {
        return connect(port, "roomId=" + roomId + "&peerId=" + peerId);
    }

    /** @param query the connection query, e.g. {@code roomId=r&peerId=p&namespace=acme&region=eu} */
    public static ProtooClient connect(int port, String query) throws Exception {
        return open("ws://127.0.0.1:" + port + "/?" + query, false).get(10, TimeUnit.SECONDS);
    }

    /** The socket, for tests that speak to it directly. */
    public WebSocket socket() {
        return socket;
    }

    public long sendRequest(String method, Object data) {
        long id = nextId.getAndIncrement();
        ObjectNode message = JSON.createObjectNode();
        message.put("request", true).put("id", id).put("method", method);
        message.set("data", JSON.valueToTree(data));
        sendText(message.toString());
        return id;
    }

    public void sendText(String text) {
        send(text).join();
    }

    /** The response to request {@code id}, skipping other messages meanwhile. */
    public JsonNode response(long id) throws InterruptedException {
        return next(m -> m.path("response").asBoolean() && m.path("id").asLong() == id, "no response to request " + id);
    }

    /** Sends a request and waits for its whole response ({@code ok}, {@code data} or the error). */
    public JsonNode request(String method, Object data) throws InterruptedException {
        return response(sendRequest(method, data));
    }

    /** Waits for a notification with this method. */
    public JsonNode notification(String method) throws InterruptedException {
        return next(m -> m.path("notification").asBoolean() && method.equals(m.path("method").asText()),
                "no notification " + method);
    }

    /** Waits for a server→client request with this method (not answered: see {@link #answer}). */
    public JsonNode serverRequest(String method) throws InterruptedException {
        return next(m -> m.path("request").asBoolean() && method.equals(m.path("method").asText()), "no server request " + method);
    }

    public void answer(JsonNode serverRequest) {
        ObjectNode ok = JSON.createObjectNode();
        ok.put("response", true).put("id", serverRequest.path("id").asLong()).put("ok", true).putObject("data");
        sendText(ok.toString());
    }

    public int awaitClose() throws Exception {
        return closeCode.get(10, TimeUnit.SECONDS);
    }

    private JsonNode next(Predicate<JsonNode> wanted, String failure) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (System.nanoTime() < end) {
            JsonNode message = messages.poll(100, TimeUnit.MILLISECONDS);
            if (message != null && wanted.test(message)) {
                return message;
            }
        }
        throw new AssertionError(failure);
    }

    // ---- as a browser towards the cluster ----

    /** Opens one socket, answering server requests; fails with {@link Refused} when the handshake gets an HTTP error. */
    public static CompletableFuture<ProtooClient> connect(String url) {
        return open(url, true);
    }

    private static CompletableFuture<ProtooClient> open(String url, boolean answersServerRequests) {
        ProtooClient client = new ProtooClient(url, answersServerRequests);
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
    public static CompletableFuture<ProtooClient> enter(String entryUrl, List<Hop> hopsSoFar, int maxHops) {
        return connect(entryUrl).thenCompose(client -> {
            client.hops.addAll(hopsSoFar);
            CompletableFuture<JsonNode> redirect = client.whenNotified("redirect");
            CompletableFuture<JsonNode> capabilities = client.requestAsync("getRouterRtpCapabilities", Map.of());
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

    public static CompletableFuture<ProtooClient> enter(String entryUrl) {
        return enter(entryUrl, List.of(), 3);
    }

    /** The node the last redirect sent this client to, or null if it landed where it entered. */
    public String landedNodeId() {
        return hops.isEmpty() ? null : hops.get(hops.size() - 1).nodeId();
    }

    /** The demo's {@code join}, with the router's own capabilities as the device's. */
    public CompletableFuture<JsonNode> join(String displayName) {
        ObjectNode data = JSON.createObjectNode();
        data.put("displayName", displayName);
        data.putObject("device").put("flag", "java").put("name", "ProtooClient");
        data.set("rtpCapabilities", routerRtpCapabilities);
        return requestAsync("join", data);
    }

    /** Sends a request; completes with the response's {@code data}, or fails with its error. */
    public CompletableFuture<JsonNode> requestAsync(String method, Object data) {
        long id = nextId.getAndIncrement();
        CompletableFuture<JsonNode> answer = new CompletableFuture<>();
        pending.put(id, answer);
        ObjectNode message = JSON.createObjectNode();
        message.put("request", true).put("id", id).put("method", method);
        message.set("data", JSON.valueToTree(data));
        send(message.toString()).exceptionally(error -> {
            answer.completeExceptionally(error);
            return null;
        });
        closeCode.thenRun(() -> answer.completeExceptionally(new IllegalStateException("socket closed")));
        return answer;
    }

    /** The first notification with this method, received or still to come. */
    public CompletableFuture<JsonNode> whenNotified(String method) {
        CompletableFuture<JsonNode> future = awaited.computeIfAbsent(method, m -> new CompletableFuture<>());
        notifications.stream().filter(n -> method.equals(n.path("method").asText())).findFirst().ifPresent(future::complete);
        return future;
    }

    /** Opus as a browser sends it, with {@code ssrc}: enough for mediasoup to create a producer (no media needs to flow). */
    public static Map<String, Object> opusRtpParameters(long ssrc) {
        return Map.of("mid", "0",
                "codecs", List.of(Map.of("mimeType", "audio/opus", "payloadType", 111, "clockRate", 48000, "channels", 2,
                        "parameters", Map.of(), "rtcpFeedback", List.of())),
                "headerExtensions", List.of(),
                "encodings", List.of(Map.of("ssrc", ssrc)),
                "rtcp", Map.of("cname", "protoo-client", "reducedSize", true));
    }

    /** Creates a producing transport and an opus producer on it; completes with the producer's id. */
    public String produceOpus(long ssrc, Map<String, Object> appData) throws Exception {
        String transport = requestAsync("createWebRtcTransport", Map.of("producing", true, "consuming", false))
                .get(10, TimeUnit.SECONDS).path("id").asText();
        return requestAsync("produce", Map.of("transportId", transport, "kind", "audio", "rtpParameters",
                opusRtpParameters(ssrc), "appData", appData)).get(10, TimeUnit.SECONDS).path("id").asText();
    }

    /** Whether the server has offered this client a consumer of {@code producerId}. */
    public boolean offered(String producerId) {
        return received("newConsumer").stream().anyMatch(o -> o.path("producerId").asText().equals(producerId));
    }

    /** The data of every server request and notification with this method received so far. */
    public List<JsonNode> received(String method) {
        return received.stream().filter(m -> !m.path("response").asBoolean() && method.equals(m.path("method").asText()))
                .map(m -> m.path("data")).toList();
    }

    public boolean isOpen() {
        return !closeCode.isDone();
    }

    /** The JDK's WebSocket takes one outgoing message at a time: each send waits for the previous one. */
    private synchronized CompletableFuture<WebSocket> send(String text) {
        CompletableFuture<WebSocket> next = lastSend.thenCompose(ws -> ws.sendText(text, true));
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
                    onMessage(JSON.readTree(whole));
                } catch (Exception e) {
                    closeCode.complete(-2);
                }
            }
            webSocket.request(1);
            return null;
        }

        private void onMessage(JsonNode message) {
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
            } else if (message.path("request").asBoolean() && answersServerRequests) {
                answer(message);
            } else if (message.path("notification").asBoolean()) {
                notifications.add(message);
                CompletableFuture<JsonNode> waiting = awaited.get(message.path("method").asText());
                if (waiting != null) {
                    waiting.complete(message);
                }
            }
            messages.add(message);
            received.add(message);
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeReason = reason;
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(-1);
        }
    }
}
