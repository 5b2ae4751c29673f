package org.mscluster.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelBuffer;
import dev.onvoid.webrtc.RTCDataChannelObserver;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCRtpReceiver;
import dev.onvoid.webrtc.RTCStats;
import dev.onvoid.webrtc.RTCStatsReport;
import dev.onvoid.webrtc.RTCStatsType;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import dev.onvoid.webrtc.media.audio.AudioTrack;
import dev.onvoid.webrtc.media.video.VideoTrack;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mscluster.client.handler.RecvTransport;
import org.mscluster.client.handler.SendTransport;
import org.mscluster.client.handler.TransportSignal;
import org.mscluster.client.media.AudioFrameSource;
import org.mscluster.client.media.MediaEngine;
import org.mscluster.client.media.TestPattern;
import org.mscluster.client.media.VideoFrameSource;
import org.mscluster.client.protoo.ProtooException;
import org.mscluster.client.protoo.ProtooPeer;

/**
 * A peer in an mscluster room, with real WebRTC: what the web client does, for Java applications.
 *
 * <p>{@link #join()} connects to the entry point (a dispatcher or a node), follows {@code redirect}
 * notifications to the node that hosts the room, creates a send and a receive transport, joins, produces
 * the configured sources and a {@code chat} data channel, and consumes every remote producer. When the
 * node it was sent to is lost, it goes back to the entry point (which knows where the room lives now)
 * and joins again, up to 10 attempts with a growing pause. Everything runs on one thread of its own.
 *
 * <pre>{@code
 * try (RoomClient client = RoomClient.builder("ws://127.0.0.1:4443").roomId("demo").peerId("bot")
 *         .testPattern(true).listener(new RoomListener() { ... }).build()) {
 *     client.join().get();
 *     client.sendChat("hello");
 * }
 * }</pre>
 */
public final class RoomClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final String CHAT = "chat";
    private static final int MAX_REENTRIES = 10;
    private static final int MAX_HOPS = 5;
    private static final long REQUEST_SECONDS = 20;

    private final String entryUrl;
    private final String displayName;
    private final RoomListener listener;
    private final VideoFrameSource video;
    private final AudioFrameSource audio;
    private final TestPattern testPattern;
    private final MediaEngine engine;
    private final ScheduledExecutorService loop;
    private final CompletableFuture<Void> joined = new CompletableFuture<>();
    private final CompletableFuture<String> closedFuture = new CompletableFuture<>();
    private volatile Session session;
    private boolean closed;
    private boolean joinedOnce;
    private int entryAttempts;
    private int hops;
    private int joins;

    private RoomClient(Builder b) {
        this.entryUrl = entryUrl(b);
        this.displayName = b.displayName != null ? b.displayName : b.peerId;
        this.listener = b.listener != null ? b.listener : new RoomListener() { };
        this.video = b.video;
        this.audio = b.audio;
        this.testPattern = b.testPattern;
        this.engine = new MediaEngine();
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mscluster-client-" + b.peerId);
            t.setDaemon(true);
            return t;
        });
    }

    public static Builder builder(String url) {
        return new Builder(url);
    }

    /** The URL the client enters by (a dispatcher or a node), with the room, peer, namespace and token. */
    public String entryUrl() {
        return entryUrl;
    }

    /**
     * Connects and joins; completes once joined the first time, or fails with a {@link ProtooException}
     * (refused handshake: its HTTP status; error response: its errorCode) or the reason the socket closed.
     */
    public CompletableFuture<Void> join() {
        loop.execute(() -> connect(entryUrl, true));
        return joined;
    }

    /** Completes with the reason once the client has closed for good. */
    public CompletableFuture<String> closedFuture() {
        return closedFuture;
    }

    /** Sends a chat message on the {@code chat} data channel (dropped while the client is between nodes). */
    public void sendChat(String text) {
        loop.execute(() -> {
            if (session != null && session.chat != null)
                send(session.chat, text);
        });
    }

    /**
     * Receive figures of every current consumer and the round-trip time (waits for WebRTC's stats, not for
     * the client's thread, which may be busy joining).
     */
    public RoomStats stats() {
        CompletableFuture<RoomStats> result = new CompletableFuture<>();
        collectStats(result);
        try {
            return result.get(3, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("no stats: " + e, e);
        }
    }

    // --- connection life cycle (all on the loop thread) ---

    private void connect(String url, boolean atEntry) {
        if (closed)
            return;
        Session s = new Session(url, atEntry);
        session = s;
        ProtooPeer.connect(url, s).whenCompleteAsync((peer, error) -> {
            if (s != session || closed) {
                if (peer != null)
                    peer.close();
                return;
            }
            if (error != null) {
                lost(s, unwrap(error));
                return;
            }
            s.peer = peer;
            try {
                setUp(s);
            } catch (RuntimeException e) {
                // A socket that closed meanwhile (a redirect, a lost node) is handled by lost(), not a warning.
                if (s == session && s.redirectTo == null && !s.peer.isClosed())
                    listener.onWarning("joining at " + s.url + " failed: " + message(e));
                if (s == session && s.redirectTo == null && !s.peer.isClosed()) {
                    s.peer.close();
                    lost(s, e);
                }
            }
        }, loop);
    }

    private void setUp(Session s) {
        JsonNode routerCapabilities = request(s, "getRouterRtpCapabilities", null);
        JsonNode sendInfo = createTransport(s, true, false);
        s.send = new SendTransport(engine.sendFactory(), sendInfo, routerCapabilities, s.signal(sendInfo.path("id").asText()), st -> { });
        JsonNode recvInfo = createTransport(s, false, true);
        s.recv = new RecvTransport(engine.receiveFactory(), recvInfo, s.signal(recvInfo.path("id").asText()), st -> { });
        ObjectNode join = JSON.createObjectNode().put("displayName", displayName);
        join.putObject("device").put("flag", "mscluster-java").put("name", "mscluster-client").put("version", "0.1");
        join.set("rtpCapabilities", routerCapabilities);
        join.putObject("sctpCapabilities").putObject("numStreams").put("OS", 1024).put("MIS", 1024);
        JsonNode answer = request(s, "join", join);
        s.joined = true;
        joins++;
        hops = 0;
        entryAttempts = 0;
        joinedOnce = true;
        List<RemotePeer> peers = new ArrayList<>();
        for (JsonNode peer : answer.path("peers")) {
            RemotePeer p = new RemotePeer(peer.path("id").asText(), peer.path("displayName").asText());
            s.peers.put(p.id(), p);
            peers.add(p);
        }
        if (audio != null)
            produce(s, engine.sendFactory().createAudioTrack("audio-" + joins, audio.nativeSource()), "mic");
        if (video != null)
            produce(s, engine.sendFactory().createVideoTrack("video-" + joins, video.nativeSource()), "webcam");
        s.chat = s.send.produceData(CHAT, JSON.createObjectNode().put("info", CHAT));
        joined.complete(null);
        listener.onJoined(s.url, peers);
    }

    private void produce(Session s, MediaStreamTrack track, String source) {
        s.send.produce(track, "mscluster-" + source, JSON.createObjectNode().put("source", source));
    }

    private JsonNode createTransport(Session s, boolean producing, boolean consuming) {
        ObjectNode data = JSON.createObjectNode().put("forceTcp", false).put("producing", producing).put("consuming", consuming);
        data.putObject("sctpCapabilities").putObject("numStreams").put("OS", 1024).put("MIS", 1024);
        return request(s, "createWebRtcTransport", data);
    }

    /** The socket of {@code s} closed, or could not open, or its setup failed. */
    private void lost(Session s, Throwable why) {
        if (s != session || closed)
            return;
        tearDown(s);
        if (s.redirectTo != null) {
            if (++hops > MAX_HOPS) {
                fail("too many redirects (last to " + s.redirectTo + ")");
                return;
            }
            connect(s.redirectTo, false);
            return;
        }
        if (!joinedOnce && s.atEntry) {
            fail(message(why));
            return;
        }
        int attempt = entryAttempts++;
        if (attempt >= MAX_REENTRIES) {
            fail(message(why) + "; gave up after " + MAX_REENTRIES + " attempts");
            return;
        }
        long delay = Math.min(500L << Math.min(attempt, 4), 4000);
        listener.onReentry(attempt, delay, message(why));
        loop.schedule(() -> connect(entryUrl, true), delay, TimeUnit.MILLISECONDS);
    }

    private void tearDown(Session s) {
        for (RemoteConsumer consumer : s.consumers.values())
            listener.onConsumerClosed(consumer);
        s.consumers.clear();
        for (String peerId : s.peers.keySet())
            listener.onPeerClosed(peerId);
        s.peers.clear();
        if (s.send != null)
            s.send.close();
        if (s.recv != null)
            s.recv.close();
        s.chat = null;
        if (s.peer != null)
            s.peer.close();
    }

    private void fail(String reason) {
        joined.completeExceptionally(new ProtooException(0, reason));
        shutDown(reason);
    }

    private void shutDown(String reason) {
        if (closed)
            return;
        closed = true;
        if (session != null)
            tearDown(session);
        session = null;
        listener.onClosed(reason);
        closedFuture.complete(reason);
    }

    /** Leaves the room and releases WebRTC. */
    @Override
    public void close() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        loop.execute(() -> {
            shutDown("closed by the application");
            done.complete(null);
        });
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the loop is stuck: release WebRTC anyway
        }
        joined.completeExceptionally(new ProtooException(0, "closed before joining"));
        loop.shutdownNow();
        if (testPattern != null)
            testPattern.close();
        engine.close();
    }

    // --- what the server says (loop thread) ---

    private void onNotification(Session s, String method, JsonNode data) {
        switch (method) {
            case "redirect" -> {
                s.redirectTo = data.path("url").asText();
                listener.onRedirect(s.redirectTo, data.path("nodeId").asText(null), data.path("reason").asText(null));
            }
            case "newPeer" -> {
                RemotePeer peer = new RemotePeer(data.path("id").asText(), data.path("displayName").asText());
                s.peers.put(peer.id(), peer);
                listener.onPeerJoined(peer);
            }
            case "peerClosed" -> {
                if (s.peers.remove(data.path("peerId").asText()) != null)
                    listener.onPeerClosed(data.path("peerId").asText());
            }
            case "consumerClosed" -> {
                RemoteConsumer consumer = s.consumers.remove(data.path("consumerId").asText());
                if (consumer != null) {
                    s.recv.stopConsuming(consumer.mid);
                    listener.onConsumerClosed(consumer);
                }
            }
            case "dataConsumerClosed" -> {
                RTCDataChannel channel = s.dataChannels.remove(data.path("dataConsumerId").asText());
                if (channel != null)
                    channel.close();
            }
            case "activeSpeaker" -> listener.onActiveSpeaker(data.path("peerId").isNull() ? null : data.path("peerId").asText(null),
                    data.path("volume").asDouble());
            default -> listener.onNotification(method, data);
        }
    }

    private JsonNode onRequest(Session s, String method, JsonNode data) {
        if (s != session || s.recv == null)
            throw new ProtooException(409, "not ready");
        switch (method) {
            case "newConsumer" -> {
                String id = data.path("id").asText();
                String peerId = data.path("peerId").asText();
                String kind = data.path("kind").asText();
                JsonNode rtpParameters = data.path("rtpParameters");
                RTCRtpReceiver receiver = s.recv.consume(id, kind, rtpParameters, peerId + "-stream");
                RemoteConsumer consumer = new RemoteConsumer(id, peerId, data.path("producerId").asText(), kind,
                        RecvTransport.midOf(rtpParameters));
                MediaStreamTrack track = receiver.getTrack();
                if (track instanceof VideoTrack v) {
                    v.addSink(frame -> {
                        consumer.framesDecoded.incrementAndGet();
                        consumer.width = frame.buffer.getWidth();
                        consumer.height = frame.buffer.getHeight();
                        listener.onVideoFrame(consumer, frame);
                    });
                } else if (track instanceof AudioTrack a) {
                    a.addSink((pcm, bits, rate, channels, frames) -> {
                        consumer.audioFrames.incrementAndGet();
                        listener.onAudio(consumer, pcm, rate, channels, frames);
                    });
                }
                s.consumers.put(id, consumer);
                listener.onConsumer(consumer);
                return JSON.createObjectNode();
            }
            case "newDataConsumer" -> {
                String peerId = data.path("peerId").asText();
                String label = data.path("label").asText();
                RTCDataChannel channel = s.recv.consumeData(data.path("sctpStreamParameters"), label, data.path("protocol").asText(""));
                channel.registerObserver(new RTCDataChannelObserver() {
                    @Override
                    public void onBufferedAmountChange(long previousAmount) {
                    }

                    @Override
                    public void onStateChange() {
                    }

                    @Override
                    public void onMessage(RTCDataChannelBuffer buffer) {
                        if (!CHAT.equals(label))
                            return;
                        byte[] bytes = new byte[buffer.data.remaining()];
                        buffer.data.get(bytes);
                        String text = new String(bytes, StandardCharsets.UTF_8);
                        loop.execute(() -> listener.onChat(peerId, text));
                    }
                });
                s.dataChannels.put(data.path("id").asText(), channel);
                return JSON.createObjectNode();
            }
            default -> throw new ProtooException(404, "unknown method " + method);
        }
    }

    private void collectStats(CompletableFuture<RoomStats> result) {
        Session s = session;
        if (s == null || s.recv == null) {
            result.complete(new RoomStats(s == null ? null : s.url, false, joins, -1, List.of()));
            return;
        }
        List<RemoteConsumer> consumers = new ArrayList<>(s.consumers.values());
        RTCPeerConnection pc = s.recv.peerConnection();
        try {
            pc.getStats(report -> {
                try {
                    result.complete(toStats(s, consumers, report));
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            // closed under us (the node was lost meanwhile): nothing received on it any more
            result.complete(new RoomStats(s.url, false, joins, -1, List.of()));
        }
    }

    private RoomStats toStats(Session s, List<RemoteConsumer> consumers, RTCStatsReport report) {
        Map<String, Long> packets = new HashMap<>();
        double rtt = -1;
        for (RTCStats stats : report.getStats().values()) {
            Map<String, Object> a = stats.getAttributes();
            if (stats.getType() == RTCStatsType.INBOUND_RTP && a.get("trackIdentifier") != null)
                packets.merge(a.get("trackIdentifier").toString(), number(a.get("packetsReceived")), Long::sum);
            if (stats.getType() == RTCStatsType.CANDIDATE_PAIR && Boolean.TRUE.equals(a.get("nominated"))
                    && a.get("currentRoundTripTime") != null)
                rtt = ((Number) a.get("currentRoundTripTime")).doubleValue() * 1000;
        }
        List<RoomStats.ConsumerStats> list = new ArrayList<>();
        for (RemoteConsumer c : consumers) {
            list.add(new RoomStats.ConsumerStats(c.id(), c.peerId(), c.producerId(), c.kind(), c.framesDecoded(), c.width(), c.height(),
                    packets.getOrDefault(c.id(), 0L)));
        }
        return new RoomStats(s.url, s.joined, joins, rtt, list);
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : 0;
    }

    // --- helpers ---

    private static JsonNode request(Session s, String method, Object data) {
        try {
            return s.peer.request(method, data).get(REQUEST_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        } catch (ExecutionException e) {
            Throwable cause = unwrap(e);
            if (cause instanceof ProtooException p)
                throw new ProtooException(p.code(), method + " refused: " + p.getMessage());
            throw new IllegalStateException(method + " failed: " + cause.getMessage(), cause);
        } catch (TimeoutException e) {
            throw new IllegalStateException(method + ": no response in " + REQUEST_SECONDS + " s");
        }
    }

    private static void send(RTCDataChannel channel, String text) {
        try {
            channel.send(new RTCDataChannelBuffer(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), false));
        } catch (Exception e) {
            // not open yet (or any more): chat is best effort, as in the web client
        }
    }

    private static Throwable unwrap(Throwable error) {
        while ((error instanceof java.util.concurrent.CompletionException || error instanceof ExecutionException) && error.getCause() != null)
            error = error.getCause();
        return error;
    }

    private static String message(Throwable why) {
        return why.getMessage() != null ? why.getMessage() : why.toString();
    }

    private static String entryUrl(Builder b) {
        Objects.requireNonNull(b.roomId, "roomId");
        Objects.requireNonNull(b.peerId, "peerId");
        Map<String, String> query = new LinkedHashMap<>();
        query.put("roomId", b.roomId);
        query.put("peerId", b.peerId);
        if (b.namespace != null)
            query.put("namespace", b.namespace);
        if (b.token != null)
            query.put("token", b.token);
        StringBuilder url = new StringBuilder(b.url);
        if (!b.url.contains("?"))
            url.append(b.url.replaceFirst("^wss?://", "").contains("/") ? "?" : "/?");
        else if (!b.url.endsWith("?") && !b.url.endsWith("&"))
            url.append('&');
        String sep = "";
        for (Map.Entry<String, String> e : query.entrySet()) {
            url.append(sep).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
            sep = "&";
        }
        return url.toString();
    }

    /** One connection to one server: what was set up on it is torn down with it. */
    private final class Session implements ProtooPeer.Listener {
        final String url;
        final boolean atEntry;
        final Map<String, RemotePeer> peers = new LinkedHashMap<>();
        final Map<String, RemoteConsumer> consumers = new ConcurrentHashMap<>();
        final Map<String, RTCDataChannel> dataChannels = new HashMap<>();
        volatile ProtooPeer peer;
        volatile SendTransport send;
        volatile RecvTransport recv;
        RTCDataChannel chat;
        String redirectTo;
        volatile boolean joined;

        Session(String url, boolean atEntry) {
            this.url = url;
            this.atEntry = atEntry;
        }

        /** The signaling of one transport: its connect, produce and produceData requests on this connection. */
        TransportSignal signal(String transportId) {
            Session self = this;
            return new TransportSignal() {
                @Override
                public void connect(JsonNode dtlsParameters) {
                    ObjectNode data = JSON.createObjectNode().put("transportId", transportId);
                    data.set("dtlsParameters", dtlsParameters);
                    request(self, "connectWebRtcTransport", data);
                }

                @Override
                public String produce(String kind, JsonNode rtpParameters, JsonNode appData) {
                    ObjectNode data = JSON.createObjectNode().put("transportId", transportId).put("kind", kind);
                    data.set("rtpParameters", rtpParameters);
                    data.set("appData", appData);
                    return request(self, "produce", data).path("id").asText();
                }

                @Override
                public String produceData(JsonNode sctpStreamParameters, String label, String protocol, JsonNode appData) {
                    ObjectNode data = JSON.createObjectNode().put("transportId", transportId);
                    data.set("sctpStreamParameters", sctpStreamParameters);
                    data.put("label", label).put("protocol", protocol);
                    data.set("appData", appData);
                    return request(self, "produceData", data).path("id").asText();
                }
            };
        }

        @Override
        public void onNotification(String method, JsonNode data) {
            loop.execute(() -> {
                if (this == session)
                    RoomClient.this.onNotification(this, method, data);
            });
        }

        @Override
        public CompletableFuture<JsonNode> onRequest(String method, JsonNode data) {
            return CompletableFuture.supplyAsync(() -> RoomClient.this.onRequest(this, method, data), loop)
                    .whenComplete((r, e) -> {
                        if (e != null)
                            listener.onWarning("could not answer " + method + ": " + message(unwrap(e)));
                    });
        }

        @Override
        public void onClose(int code, String reason) {
            loop.execute(() -> lost(this, new ProtooException(code, "the server closed the connection (" + code
                    + (reason == null || reason.isBlank() ? "" : ": " + reason) + ")")));
        }
    }
    /** Options of a {@link RoomClient}; {@code roomId} and {@code peerId} are required. */
    public static final class Builder {
        private final String url;
        private String roomId;
        private String peerId;
        private String namespace;
        private String token;
        private String displayName;
        private RoomListener listener;
        private VideoFrameSource video;
        private AudioFrameSource audio;
        private TestPattern testPattern;

        private Builder(String url) {
            this.url = Objects.requireNonNull(url, "url");
        }

        public Builder roomId(String roomId) {
            this.roomId = roomId;
            return this;
        }

        public Builder peerId(String peerId) {
            this.peerId = peerId;
            return this;
        }

        /** The tenant namespace (the server's default when not set). */
        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        /** A JWT for the namespace (clusters require one). */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        public Builder displayName(String displayName) {
            this.displayName = displayName;
            return this;
        }

        public Builder listener(RoomListener listener) {
            this.listener = listener;
            return this;
        }

        /** Publishes video the application pushes into {@code source} (producer appData source {@code webcam}). */
        public Builder video(VideoFrameSource source) {
            this.video = source;
            return this;
        }

        /** Publishes audio the application pushes into {@code source} (producer appData source {@code mic}). */
        public Builder audio(AudioFrameSource source) {
            this.audio = source;
            return this;
        }

        /** Publishes the built-in test pattern (colour bars) and a 440 Hz tone; the client owns and closes them. */
        public Builder testPattern(int width, int height, int fps) {
            this.testPattern = new TestPattern(width, height, fps);
            this.video = testPattern.video();
            this.audio = testPattern.audio();
            return this;
        }

        public RoomClient build() {
            return new RoomClient(this);
        }
    }
}
