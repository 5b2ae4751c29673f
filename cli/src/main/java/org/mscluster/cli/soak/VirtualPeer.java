package org.mscluster.cli.soak;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.mscluster.client.protoo.ProtooException;
import org.mscluster.client.protoo.ProtooPeer;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One virtual peer of the soak, a loop of sessions as the demo app has them: connect to one of the
 * rooms, {@code getRouterRtpCapabilities}, a sending and a receiving WebRtcTransport (both connected
 * with a made-up DTLS fingerprint; no media flows), {@code join} with the router's capabilities as its
 * own, an opus producer, sometimes a VP8 one and a chat data producer; every {@code newConsumer} and
 * {@code newDataConsumer} answered ok; a stay of 2-10 s; then it leaves, by a close frame or
 * (sometimes) by dropping the connection, and begins again. A session that fails is counted and dropped.
 */
public final class VirtualPeer implements Runnable {

    /** Notifications PROTOCOL.md lists (and {@code redirect}, which a standalone node never sends). */
    private static final Set<String> KNOWN_NOTIFICATIONS = Set.of("mediasoup-version", "newPeer", "peerClosed",
            "peerDisplayNameChanged", "producerScore", "consumerScore", "consumerClosed", "consumerPaused", "consumerResumed",
            "consumerLayersChanged", "dataConsumerClosed", "activeSpeaker", "downlinkBwe");

    private static final Map<String, Object> SCTP_CAPABILITIES = Map.of("numStreams", Map.of("OS", 1024, "MIS", 1024));
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(15);

    /** The mix of a session: chances of video, chat and of leaving abruptly, and how long a peer stays. */
    public record Mix(double video, double chat, double abrupt, int minStaySeconds, int maxStaySeconds) {
        public static final Mix DEFAULT = new Mix(0.5, 0.3, 0.3, 2, 10);
    }

    private final int index;
    private final HttpClient http;
    private final String baseUrl;
    private final int rooms;
    private final Mix mix;
    private final ChurnCounters counters;
    private final AtomicLong ssrcs;
    private final CountDownLatch stop;
    private final SplittableRandom random;
    private int session;

    /**
     * @param baseUrl the node's WebSocket URL without query, e.g. {@code ws://127.0.0.1:4443/}
     * @param ssrcs the SSRCs given out so far, shared by all peers: every producer gets its own
     * @param stop counted down when the churn is to end: the peer leaves its room and returns
     */
    public VirtualPeer(int index, HttpClient http, String baseUrl, int rooms, Mix mix, ChurnCounters counters, AtomicLong ssrcs,
            CountDownLatch stop, long seed) {
        this.index = index;
        this.http = http;
        this.baseUrl = baseUrl;
        this.rooms = rooms;
        this.mix = mix;
        this.counters = counters;
        this.ssrcs = ssrcs;
        this.stop = stop;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public void run() {
        try {
            // Peers do not all knock at once.
            if (stop.await(random.nextInt(2000), TimeUnit.MILLISECONDS)) {
                return;
            }
            while (stop.getCount() > 0) {
                if (!session()) {
                    // A failed session: a pause before the next, so that a broken node is not hammered.
                    stop.await(500, TimeUnit.MILLISECONDS);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One session, from connect to leave; false if it failed (the failure counted). */
    private boolean session() throws InterruptedException {
        String roomId = "soak-room-" + random.nextInt(rooms);
        String peerId = "soak-peer-" + index + "-" + (session++);
        String url = baseUrl + "?roomId=" + roomId + "&peerId=" + peerId;
        Events events = new Events();
        ProtooPeer socket;
        try {
            socket = ProtooPeer.connect(http, url, events, REQUEST_TIMEOUT).get(15, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            counters.error(e.getCause() instanceof ProtooException refused && refused.kind() == ProtooException.Kind.REFUSED
                    ? "connect: HTTP " + refused.code() : "connect: " + underneath(e.getCause()).getClass().getSimpleName());
            return false;
        } catch (java.util.concurrent.TimeoutException e) {
            counters.error("connect: timeout");
            return false;
        }
        counters.sessions.increment();
        counters.connected.incrementAndGet();
        boolean abrupt = random.nextDouble() < mix.abrupt();
        try {
            JsonNode capabilities = call(socket, "getRouterRtpCapabilities", Map.of());
            String sendId = transport(socket, true);
            String recvId = transport(socket, false);
            call(socket, "join", Map.of("displayName", peerId, "device", Map.of("flag", "soak", "name", "mscluster-soak", "version", "1"),
                    "rtpCapabilities", capabilities, "sctpCapabilities", SCTP_CAPABILITIES));
            counters.joins.increment();
            connect(socket, sendId);
            connect(socket, recvId);
            call(socket, "produce", Map.of("transportId", sendId, "kind", "audio", "rtpParameters", opus(ssrcs.incrementAndGet(), "0"),
                    "appData", Map.of("source", "mic")));
            counters.audioProducers.increment();
            if (random.nextDouble() < mix.video()) {
                call(socket, "produce", Map.of("transportId", sendId, "kind", "video", "rtpParameters", vp8(ssrcs.incrementAndGet(), "1"),
                        "appData", Map.of("source", "webcam")));
                counters.videoProducers.increment();
            }
            if (random.nextDouble() < mix.chat()) {
                call(socket, "produceData", Map.of("transportId", sendId, "sctpStreamParameters", Map.of("streamId", 0, "ordered", true),
                        "label", "chat", "protocol", "", "appData", Map.of("info", "my-chat-DataProducer")));
                counters.dataProducers.increment();
            }
            int stayMs = 1000 * mix.minStaySeconds() + random.nextInt(1000 * (mix.maxStaySeconds() - mix.minStaySeconds()) + 1);
            stop.await(stayMs, TimeUnit.MILLISECONDS);
            if (socket.isClosed()) {
                // Closed by the server during the stay: already counted by onClosed.
                return false;
            }
            return true;
        } catch (SessionFailed e) {
            return false;
        } finally {
            events.leaving = true;
            if (abrupt) {
                socket.abort();
            } else {
                socket.close();
            }
            (abrupt ? counters.abruptLeaves : counters.gracefulLeaves).increment();
            counters.connected.decrementAndGet();
        }
    }

    private String transport(ProtooPeer socket, boolean producing) throws InterruptedException {
        JsonNode created = call(socket, "createWebRtcTransport", Map.of("forceTcp", false, "producing", producing,
                "consuming", !producing, "sctpCapabilities", SCTP_CAPABILITIES));
        counters.transports.increment();
        return created.path("id").asText();
    }

    private void connect(ProtooPeer socket, String transportId) throws InterruptedException {
        call(socket, "connectWebRtcTransport", Map.of("transportId", transportId, "dtlsParameters", Map.of("role", "client",
                "fingerprints", List.of(Map.of("algorithm", "sha-256", "value", FINGERPRINT)))));
    }

    /** A request's data; an error of any kind is counted and ends the session. */
    private JsonNode call(ProtooPeer socket, String method, Object data) throws InterruptedException {
        counters.requests.increment();
        CompletableFuture<JsonNode> answer = socket.request(method, data);
        try {
            return answer.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            ProtooException.Kind kind = cause instanceof ProtooException failed ? failed.kind() : null;
            if (kind == ProtooException.Kind.RESPONSE) {
                counters.error("error response: " + method + " " + ((ProtooException) cause).code() + " "
                        + normalize(String.valueOf(cause.getMessage())));
            } else if (kind == ProtooException.Kind.TIMEOUT) {
                counters.error("no response in " + REQUEST_TIMEOUT.toSeconds() + " s: " + method);
            } else if (kind == ProtooException.Kind.CONNECTION) {
                counters.error("socket closed awaiting: " + method);
            } else {
                counters.error("request failed: " + method + " " + cause);
            }
            throw new SessionFailed();
        }
    }

    /** Ids and numbers blanked, so that equal causes count as one kind. */
    static String normalize(String reason) {
        String text = reason.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                .replaceAll("\\d+", "N");
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    /** The failure ProtooPeer's exception wraps (a {@code ConnectException}, a timeout), or the exception itself. */
    private static Throwable underneath(Throwable error) {
        return error instanceof ProtooException && error.getCause() != null ? error.getCause() : error;
    }

    private static final class SessionFailed extends RuntimeException {
        SessionFailed() {
            super(null, null, false, false);
        }
    }

    /** Server requests and notifications of one session. */
    private final class Events implements ProtooPeer.Listener {
        /** Set before this end closes: a close after it is the peer's own leave, not the server's doing. */
        volatile boolean leaving;

        @Override
        public CompletableFuture<JsonNode> onRequest(String method, JsonNode data) {
            return answered(method) ? CompletableFuture.completedFuture(null)
                    : CompletableFuture.failedFuture(new ProtooException(500, "not handled by the soak client"));
        }

        private boolean answered(String method) {
            switch (method) {
                case "newConsumer" -> counters.consumersOffered.increment();
                case "newDataConsumer" -> counters.dataConsumersOffered.increment();
                default -> {
                    counters.error("unexpected server request: " + method);
                    return false;
                }
            }
            counters.serverRequestsAnswered.increment();
            return true;
        }

        @Override
        public void onNotification(String method, JsonNode data) {
            counters.notification(method);
            if (!KNOWN_NOTIFICATIONS.contains(method)) {
                counters.error("unexpected notification: " + method);
            }
        }

        @Override
        public void onMalformed(String what) {
            counters.notification("<" + what + ">");
            counters.error("unexpected notification: <" + what + ">");
        }

        @Override
        public void onClose(int code, String reason) {
            if (!leaving) {
                counters.error("closed by the server: " + code + " " + normalize(reason == null ? "" : reason));
            }
        }
    }

    /** A well-formed SHA-256 fingerprint: the worker keeps it for a DTLS handshake that never comes. */
    private static final String FINGERPRINT = String.join(":", java.util.Collections.nCopies(32, "AB"));

    /** Opus as a browser sends it: enough for the worker to create a producer (no media needs to flow). */
    static Map<String, Object> opus(long ssrc, String mid) {
        return Map.of("mid", mid,
                "codecs", List.of(Map.of("mimeType", "audio/opus", "payloadType", 111, "clockRate", 48000, "channels", 2,
                        "parameters", Map.of("useinbandfec", 1), "rtcpFeedback", List.of())),
                "headerExtensions", List.of(),
                "encodings", List.of(Map.of("ssrc", ssrc)),
                "rtcp", Map.of("cname", "soak", "reducedSize", true));
    }

    static Map<String, Object> vp8(long ssrc, String mid) {
        return Map.of("mid", mid,
                "codecs", List.of(Map.of("mimeType", "video/VP8", "payloadType", 96, "clockRate", 90000,
                        "rtcpFeedback", List.of(Map.of("type", "nack"), Map.of("type", "nack", "parameter", "pli")))),
                "headerExtensions", List.of(),
                "encodings", List.of(Map.of("ssrc", ssrc, "maxBitrate", 500_000)),
                "rtcp", Map.of("cname", "soak", "reducedSize", true));
    }
}
