package org.mscluster.signaling.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.mscluster.signaling.protoo.CloseCodes;
import org.mscluster.signaling.testing.ProtooClient;

/**
 * Generates protoo traffic for {@link ProtooFuzzIT}: a few peers of one room, each on its own thread
 * and its own {@link SplittableRandom} split from one seed, send batches of one to four frames and
 * wait for every answer before the next batch.
 *
 * <p>A frame is, by weight: a request of PROTOCOL.md's table (most), built from what the peer has
 * (its transports, producers, consumers) or from another peer's ids, made-up ids and values of every
 * wrong type, then mutated (a field replaced, removed or added, a nested field of rtpParameters or
 * dtlsParameters damaged, the whole data replaced); an unknown method; a request with a broken method
 * (answered 400); a stray response or notification (no answer, no close); now and then a frame that
 * the node must answer by closing the socket (not JSON, no id, a binary frame, nesting past the
 * limit), after which the peer reconnects. One request in twenty is sent twice with the same id. The
 * node's newConsumer/newDataConsumer requests are answered, rejected or left to time out.
 */
final class RequestFuzzer {

    static final List<String> METHODS = List.of("getRouterRtpCapabilities", "createWebRtcTransport",
            "connectWebRtcTransport", "join", "produce", "closeProducer", "pauseProducer", "resumeProducer",
            "pauseConsumer", "resumeConsumer", "requestConsumerKeyFrame", "setConsumerPreferredLayers",
            "setConsumerPriority", "produceData", "changeDisplayName", "restartIce", "getTransportStats",
            "getProducerStats", "getConsumerStats", "getDataProducerStats", "getDataConsumerStats");
    private static final List<String> UNKNOWN_METHODS = List.of("launchRockets", "__proto__", "constructor", "toString",
            "hasOwnProperty", "newConsumer", "newDataConsumer", "mediasoup-version", "redirect", "JOIN", "join ", "produce\u0000",
            "x".repeat(5_000), "héllo ☃", "\uD83D\uDE00", "getRouterRtpCapabilities\n");
    /** A 500 whose reason reads like a Java exception rather than a decision: a handler that did not validate its input. */
    private static final Pattern INTERNAL = Pattern.compile("(?i)exception|java\\.|javax\\.|cannot invoke|cannot read|"
            + "because \"|nullpointer|classcast|out of bounds|numberformat|^null$|is null");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final long ANSWER_SECONDS = 10;

    private final int port;
    private final String roomId;
    private final int peerCount;
    private final long seed;
    /** Every id any fuzzed peer got, for the others to try as foreign ids. */
    private final List<String> seenIds = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> outcomes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> serverErrors = new ConcurrentHashMap<>();
    private final List<String> unanswered = new CopyOnWriteArrayList<>();
    private final List<String> unexpectedCloses = new CopyOnWriteArrayList<>();
    private final List<String> badResponses = new CopyOnWriteArrayList<>();
    private final List<String> internalErrors = new CopyOnWriteArrayList<>();
    private final AtomicInteger answered = new AtomicInteger();
    private final AtomicInteger framesSent = new AtomicInteger();
    private final AtomicInteger closesAsked = new AtomicInteger();
    private volatile JsonNode routerCapabilities = NODES.objectNode();

    RequestFuzzer(int port, String roomId, int peerCount, long seed) {
        this.port = port;
        this.roomId = roomId;
        this.peerCount = peerCount;
        this.seed = seed;
    }

    /** What a run found. */
    record Report(long seed, int cases, long millis, int frames, int answered, int closesAsked,
            Map<String, Integer> outcomes, Map<String, Integer> serverErrors, List<String> unanswered,
            List<String> unexpectedCloses, List<String> badResponses, List<String> internalErrors) {

        String replay() {
            return "replay with -Dmscluster.fuzz.seed=" + seed + " -Dmscluster.fuzz.cases=" + cases;
        }

        @Override
        public String toString() {
            StringBuilder out = new StringBuilder();
            out.append(String.format("protoo fuzz: %d cases, %d frames, %d responses, %d closes asked for, in %d ms (%s)%n",
                    cases, frames, answered, closesAsked, millis, replay()));
            out.append("  outcomes (method -> ok or errorCode):\n");
            outcomes.forEach((k, v) -> out.append(String.format("    %-45s %6d%n", k, v)));
            out.append("  500 reasons:\n");
            serverErrors.forEach((k, v) -> out.append(String.format("    %6d  %s%n", v, k)));
            out.append(String.format("  unanswered %d, unexpected closes %d, bad responses %d, internal errors %d%n",
                    unanswered.size(), unexpectedCloses.size(), badResponses.size(), internalErrors.size()));
            for (List<String> problems : List.of(unanswered, unexpectedCloses, badResponses, internalErrors)) {
                problems.stream().limit(10).forEach(p -> out.append("    ").append(p).append('\n'));
            }
            return out.toString();
        }
    }

    Report run(int cases) throws Exception {
        long start = System.nanoTime();
        try (ProtooClient probe = ProtooClient.connect(port, roomId + "-caps", "probe")) {
            routerCapabilities = probe.request("getRouterRtpCapabilities", null).path("data");
        }
        SplittableRandom root = new SplittableRandom(seed);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < peerCount; i++) {
            int quota = cases / peerCount + (i < cases % peerCount ? 1 : 0);
            FuzzPeer peer = new FuzzPeer("fuzzer-" + i, root.split(), quota);
            Thread thread = new Thread(() -> {
                try {
                    peer.run();
                } catch (Throwable e) {
                    badResponses.add(peer.peerId + ": fuzzing thread failed: " + e);
                }
            }, "fuzz " + peer.peerId);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join(TimeUnit.MINUTES.toMillis(30));
            if (thread.isAlive()) {
                unanswered.add(thread.getName() + " still running after 30 minutes");
                thread.interrupt();
            }
        }
        return new Report(seed, cases, (System.nanoTime() - start) / 1_000_000, framesSent.get(), answered.get(),
                closesAsked.get(), sorted(outcomes), sorted(serverErrors), List.copyOf(unanswered),
                List.copyOf(unexpectedCloses), List.copyOf(badResponses), List.copyOf(internalErrors));
    }

    private static Map<String, Integer> sorted(Map<String, AtomicInteger> counts) {
        Map<String, Integer> result = new TreeMap<>();
        counts.forEach((k, v) -> result.put(k, v.get()));
        return Collections.unmodifiableMap(result);
    }

    /** One frame to send: what it asks, and what the node must do with it. */
    private record Frame(String method, String text, byte[] binary, Long answerId, int copies, Integer closeCode) {
    }

    private final class FuzzPeer {
        final String peerId;
        final SplittableRandom random;
        final int quota;
        ProtooClient client;
        long nextId;
        int nextSsrc;
        int nextMid;
        final List<String> transports = new ArrayList<>();
        final List<String> producers = new ArrayList<>();
        final List<String> consumers = new ArrayList<>();
        final List<String> dataProducers = new ArrayList<>();
        final List<String> dataConsumers = new ArrayList<>();
        /** Method of each request awaiting its answer, by id; and how many answers each still owes. */
        final Map<Long, String> methodOf = new HashMap<>();
        final Map<Long, Integer> owed = new HashMap<>();
        /** The frames of the current batch, shown with any problem. */
        final List<String> batchLog = new ArrayList<>();

        FuzzPeer(String peerId, SplittableRandom random, int quota) {
            this.peerId = peerId;
            this.random = random;
            this.quota = quota;
            this.nextId = 1 + random.nextInt(1_000_000);
            this.nextSsrc = 10_000_000 + random.nextInt(1_000_000) * 100;
        }

        void run() throws Exception {
            client = ProtooClient.connect(port, roomId, peerId);
            try {
                int done = 0;
                while (done < quota) {
                    batchLog.clear();
                    if (random.nextInt(100) == 0) {
                        closingFrame();
                        done++;
                        continue;
                    }
                    int size = Math.min(quota - done, 1 + random.nextInt(4));
                    for (int i = 0; i < size; i++) {
                        send(frame());
                    }
                    done += size;
                    collect();
                    if (client.closeCode.isDone()) {
                        unexpectedCloses.add(peerId + ": closed with " + client.closeCode.getNow(null) + " after " + batchLog);
                        reconnect();
                    }
                    // Nothing reads them: keep a long run's memory flat.
                    client.received.clear();
                    client.notifications.clear();
                }
            } finally {
                client.close();
            }
        }

        private void send(Frame frame) {
            framesSent.incrementAndGet();
            batchLog.add(abbreviate(frame.text == null ? "<binary>" : frame.text));
            if (frame.answerId != null) {
                methodOf.put(frame.answerId, frame.method);
                owed.merge(frame.answerId, frame.copies, Integer::sum);
            }
            for (int i = 0; i < frame.copies; i++) {
                if (frame.binary != null) {
                    client.socket().sendBinary(ByteBuffer.wrap(frame.binary), true).join();
                } else {
                    client.sendText(frame.text);
                }
            }
        }

        /** Reads until every request of the batch is answered, answering the node's own requests meanwhile. */
        private void collect() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(ANSWER_SECONDS);
            while (!owed.isEmpty() && !client.closeCode.isDone() && System.nanoTime() < deadline) {
                JsonNode message = client.messages.poll(100, TimeUnit.MILLISECONDS);
                if (message != null) {
                    onMessage(message);
                }
            }
            if (!owed.isEmpty() && !client.closeCode.isDone()) {
                owed.forEach((id, count) -> unanswered.add(peerId + ": " + methodOf.get(id) + " id " + id + " in " + batchLog));
            }
            // Late messages of this batch (offers, notifications) are read with the next one.
            owed.clear();
            methodOf.clear();
        }

        private void onMessage(JsonNode message) {
            if (message.path("response").asBoolean()) {
                long id = message.path("id").asLong();
                Integer left = owed.get(id);
                if (left == null) {
                    badResponses.add(peerId + ": response to nothing asked: " + abbreviate(message.toString()));
                    return;
                }
                if (left == 1) {
                    owed.remove(id);
                } else {
                    owed.put(id, left - 1);
                }
                answered.incrementAndGet();
                onResponse(methodOf.get(id), message);
            } else if (message.path("request").asBoolean()) {
                onServerRequest(message);
            } else if (message.path("notification").asBoolean()) {
                String closed = message.path("data").path("consumerId").asText(null);
                if ("consumerClosed".equals(message.path("method").asText()) && closed != null) {
                    consumers.remove(closed);
                }
            }
        }

        private void onResponse(String method, JsonNode response) {
            String key = method == null || !METHODS.contains(method) ? "(unknown or broken method)" : method;
            JsonNode ok = response.get("ok");
            if (ok == null || !ok.isBoolean()) {
                badResponses.add(peerId + ": no boolean ok: " + abbreviate(response.toString()));
                return;
            }
            if (ok.booleanValue()) {
                count(outcomes, key + " ok");
                learn(method, response.path("data"));
                return;
            }
            JsonNode code = response.get("errorCode");
            JsonNode reason = response.get("errorReason");
            if (code == null || !code.isInt() || code.asInt() < 400 || code.asInt() > 599 || reason == null || !reason.isTextual()) {
                badResponses.add(peerId + ": error without a 4xx/5xx code and a reason: " + abbreviate(response.toString()));
                return;
            }
            count(outcomes, key + " " + code.asInt());
            if (code.asInt() == 500) {
                String text = reason.asText();
                count(serverErrors, method + ": " + normalize(text));
                if (INTERNAL.matcher(text).find()) {
                    internalErrors.add(peerId + ": " + method + " -> 500 " + abbreviate(text) + " after " + batchLog);
                }
            }
        }

        /** Ids the node gave this peer: what the next requests will use, and what the others will try. */
        private void learn(String method, JsonNode data) {
            String id = data.path("id").asText(null);
            switch (method) {
                case "createWebRtcTransport" -> remember(transports, id);
                case "produce" -> remember(producers, id);
                case "produceData" -> remember(dataProducers, id);
                default -> { }
            }
        }

        private void remember(List<String> own, String id) {
            if (id != null) {
                own.add(id);
                seenIds.add(id);
            }
        }

        private void onServerRequest(JsonNode request) {
            String method = request.path("method").asText();
            int choice = random.nextInt(10);
            if (choice < 6) {
                client.answer(request);
                String id = request.path("data").path("id").asText(null);
                remember("newDataConsumer".equals(method) ? dataConsumers : consumers, id);
            } else if (choice < 8) {
                ObjectNode error = NODES.objectNode();
                error.put("response", true).put("id", request.path("id").asLong()).put("ok", false)
                        .put("errorCode", random.nextBoolean() ? 500 : 403).put("errorReason", "fuzzer says no");
                client.sendText(error.toString());
            }
            // Otherwise never answered: the node's request times out.
        }

        private void reconnect() throws Exception {
            client.close();
            client = ProtooClient.connect(port, roomId, peerId);
            transports.clear();
            producers.clear();
            consumers.clear();
            dataProducers.clear();
            dataConsumers.clear();
        }

        // ---- frames ----

        private Frame frame() {
            int kind = random.nextInt(100);
            if (kind < 84) {
                String method = pick(METHODS);
                return request(method, data(method));
            }
            if (kind < 90) {
                return request(pick(UNKNOWN_METHODS), random.nextBoolean() ? NODES.objectNode() : junk(2));
            }
            if (kind < 95) {
                // An answerable request without a usable method: 400.
                long id = requestId();
                ObjectNode frame = NODES.objectNode().put("request", true).put("id", id);
                if (random.nextBoolean()) {
                    frame.set("method", random.nextBoolean() ? NODES.textNode("") : junk(1));
                }
                frame.set("data", junk(2));
                return new Frame("(broken method)", frame.toString(), null, id, 1, null);
            }
            // Stray messages the node must swallow: a response to a request it never made, a notification.
            ObjectNode frame = NODES.objectNode();
            if (random.nextBoolean()) {
                frame.put("response", true).put("id", random.nextLong()).put("ok", random.nextBoolean());
                frame.set("errorCode", junk(0));
                frame.set("data", junk(2));
            } else {
                // Not an empty method: that notification is malformed and closes the socket (a closing frame below).
                frame.put("notification", true).put("method", pick(List.of("x", "activeSpeaker", "join", "\u0000")));
                frame.set("data", junk(2));
            }
            return new Frame(null, frame.toString(), null, null, 1, null);
        }

        private Frame request(String method, JsonNode data) {
            long id = requestId();
            ObjectNode frame = NODES.objectNode().put("request", true).put("id", id).put("method", method);
            if (random.nextInt(20) != 0) {
                frame.set("data", data);
            }
            return new Frame(method, frame.toString(), null, id, random.nextInt(20) == 0 ? 2 : 1, null);
        }

        private long requestId() {
            long id;
            do {
                int kind = random.nextInt(50);
                id = switch (kind) {
                    case 0 -> 0;
                    case 1 -> -1 - random.nextInt(1_000_000);
                    case 2 -> Long.MAX_VALUE - random.nextInt(1_000);
                    case 3 -> Long.MIN_VALUE + random.nextInt(1_000);
                    default -> nextId++;
                };
            } while (owed.containsKey(id));
            return id;
        }

        /** A frame after which the node must close the socket, and with which code; then a fresh connection. */
        private void closingFrame() throws Exception {
            closesAsked.incrementAndGet();
            Frame frame = switch (random.nextInt(7)) {
                case 0 -> new Frame(null, "definitely { not json", null, null, 1, CloseCodes.INVALID_PAYLOAD);
                case 1 -> new Frame(null, "[1,2,3]", null, null, 1, CloseCodes.POLICY_VIOLATION);
                case 2 -> new Frame(null, "{\"request\":true,\"method\":\"join\",\"data\":{}}", null, null, 1, CloseCodes.POLICY_VIOLATION);
                case 3 -> new Frame(null, "{\"request\":true,\"id\":\"7\",\"method\":\"produce\"}", null, null, 1,
                        CloseCodes.POLICY_VIOLATION);
                case 4 -> new Frame(null, "{\"request\":true,\"id\":3,\"method\":\"join\",\"data\":" + "[".repeat(40) + "]".repeat(40) + "}",
                        null, null, 1, CloseCodes.POLICY_VIOLATION);
                case 5 -> new Frame(null, "{\"request\":true,\"id\":4,\"method\":\"join\",\"data\":{\"n\":" + "9".repeat(1_500) + "}}",
                        null, null, 1, CloseCodes.POLICY_VIOLATION);
                default -> new Frame(null, null, new byte[] {1, 2, 3}, null, 1, CloseCodes.UNSUPPORTED_DATA);
            };
            send(frame);
            Integer code;
            try {
                code = client.closeCode.get(ANSWER_SECONDS, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                code = null;
            }
            if (code == null || code.intValue() != frame.closeCode) {
                unexpectedCloses.add(peerId + ": expected close " + frame.closeCode + ", got " + code + " after " + batchLog);
            }
            reconnect();
        }

        // ---- request data ----

        private JsonNode data(String method) {
            ObjectNode data = NODES.objectNode();
            switch (method) {
                case "createWebRtcTransport" -> {
                    data.set("forceTcp", maybe(NODES.booleanNode(random.nextInt(4) == 0)));
                    data.set("producing", maybe(NODES.booleanNode(random.nextBoolean())));
                    data.set("consuming", maybe(NODES.booleanNode(random.nextBoolean())));
                    if (random.nextBoolean()) {
                        data.set("sctpCapabilities", maybe(sctpCapabilities()));
                    }
                }
                case "connectWebRtcTransport" -> {
                    data.set("transportId", id(transports));
                    data.set("dtlsParameters", maybe(damaged(dtlsParameters())));
                }
                case "restartIce", "getTransportStats" -> data.set("transportId", id(transports));
                case "join" -> {
                    data.set("displayName", maybe(text()));
                    data.set("device", maybe(NODES.objectNode().put("name", "fuzzer").put("flag", "java")));
                    data.set("rtpCapabilities", maybe(random.nextInt(3) == 0 ? damaged(routerCapabilities.deepCopy())
                            : routerCapabilities.deepCopy()));
                    if (random.nextBoolean()) {
                        data.set("sctpCapabilities", maybe(sctpCapabilities()));
                    }
                }
                case "produce" -> {
                    data.set("transportId", id(transports));
                    boolean audio = random.nextBoolean();
                    data.set("kind", maybe(NODES.textNode(audio ? "audio" : "video")));
                    JsonNode parameters = ProtooClient.JSON.valueToTree(audio ? opus(nextSsrc++, String.valueOf(nextMid++))
                            : vp8(nextSsrc++, String.valueOf(nextMid++)));
                    data.set("rtpParameters", maybe(damaged(parameters)));
                    data.set("appData", maybe(NODES.objectNode().put("source", audio ? "mic" : "webcam")));
                }
                case "closeProducer", "pauseProducer", "resumeProducer", "getProducerStats" -> data.set("producerId", id(producers));
                case "pauseConsumer", "resumeConsumer", "requestConsumerKeyFrame", "getConsumerStats" ->
                        data.set("consumerId", id(consumers));
                case "setConsumerPreferredLayers" -> {
                    data.set("consumerId", id(consumers));
                    data.set("spatialLayer", maybe(NODES.numberNode(random.nextInt(4))));
                    if (random.nextBoolean()) {
                        data.set("temporalLayer", maybe(NODES.numberNode(random.nextInt(4))));
                    }
                }
                case "setConsumerPriority" -> {
                    data.set("consumerId", id(consumers));
                    data.set("priority", maybe(NODES.numberNode(1 + random.nextInt(255))));
                }
                case "produceData" -> {
                    data.set("transportId", id(transports));
                    ObjectNode stream = NODES.objectNode().put("streamId", random.nextInt(1024)).put("ordered", random.nextBoolean());
                    if (random.nextInt(4) == 0) {
                        stream.put("maxRetransmits", random.nextInt(10));
                    }
                    data.set("sctpStreamParameters", maybe(damaged(stream)));
                    data.set("label", maybe(NODES.textNode(pick(List.of("chat", "bot", "", "x".repeat(300))))));
                    data.set("protocol", maybe(NODES.textNode("")));
                    data.set("appData", maybe(NODES.objectNode().put("info", "fuzz")));
                }
                case "changeDisplayName" -> data.set("displayName", maybe(text()));
                case "getDataProducerStats" -> data.set("dataProducerId", id(dataProducers));
                case "getDataConsumerStats" -> data.set("dataConsumerId", id(dataConsumers));
                default -> { }
            }
            return mutated(data);
        }

        /** Two in five: one to three fields replaced, removed or added; one in fifteen: not an object at all. */
        private JsonNode mutated(ObjectNode data) {
            if (random.nextInt(15) == 0) {
                return junk(2);
            }
            if (random.nextInt(5) >= 2) {
                return data;
            }
            for (int i = 1 + random.nextInt(3); i > 0; i--) {
                List<String> fields = new ArrayList<>();
                data.fieldNames().forEachRemaining(fields::add);
                int op = random.nextInt(3);
                if (op == 0 && !fields.isEmpty()) {
                    data.set(pick(fields), junk(2));
                } else if (op == 1 && !fields.isEmpty()) {
                    data.remove(pick(fields));
                } else {
                    data.set(pick(List.of("transportId", "producerId", "consumerId", "kind", "__proto__", "extra", "")), junk(2));
                }
            }
            return data;
        }

        /** One in three: a field somewhere inside replaced by junk or removed. */
        private JsonNode damaged(JsonNode node) {
            if (random.nextInt(3) != 0) {
                return node;
            }
            List<JsonNode> containers = new ArrayList<>();
            collectContainers(node, containers);
            JsonNode target = pick(containers);
            if (target instanceof ObjectNode object && object.size() > 0) {
                List<String> fields = new ArrayList<>();
                object.fieldNames().forEachRemaining(fields::add);
                if (random.nextInt(4) == 0) {
                    object.remove(pick(fields));
                } else {
                    object.set(pick(fields), junk(1));
                }
            } else if (target instanceof ArrayNode array) {
                if (array.isEmpty() || random.nextBoolean()) {
                    array.add(junk(1));
                } else {
                    array.set(random.nextInt(array.size()), junk(1));
                }
            }
            return node;
        }

        private void collectContainers(JsonNode node, List<JsonNode> into) {
            if (node.isContainerNode()) {
                into.add(node);
                node.elements().forEachRemaining(child -> collectContainers(child, into));
            }
        }

        /** Usually {@code value}, one in six times a value of any type instead. */
        private JsonNode maybe(JsonNode value) {
            return random.nextInt(6) == 0 ? junk(1) : value;
        }

        /** An id: mostly this peer's own, else another peer's, a made-up one, or not a string at all. */
        private JsonNode id(List<String> own) {
            int kind = random.nextInt(100);
            if (kind < 55 && !own.isEmpty()) {
                return NODES.textNode(pick(own));
            }
            if (kind < 75 && !seenIds.isEmpty()) {
                return NODES.textNode(seenIds.get(random.nextInt(seenIds.size())));
            }
            if (kind < 85) {
                return NODES.textNode(UUID.randomUUID().toString());
            }
            if (kind < 88) {
                return NODES.textNode("");
            }
            return junk(1);
        }

        private JsonNode text() {
            int kind = random.nextInt(10);
            return switch (kind) {
                case 0 -> NODES.textNode("");
                case 1 -> NODES.textNode("x".repeat(1_000 + random.nextInt(60_000)));
                case 2 -> NODES.textNode("\u0000\u202e<script>alert(1)</script>\uD83D\uDE00");
                default -> NODES.textNode("Fuzzer " + random.nextInt(1000));
            };
        }

        /** A value of any JSON type, with the edges handlers choke on; nested up to {@code depth} more levels. */
        private JsonNode junk(int depth) {
            int kind = random.nextInt(depth > 0 ? 30 : 26);
            return switch (kind) {
                case 0 -> NODES.nullNode();
                case 1 -> NODES.booleanNode(true);
                case 2 -> NODES.booleanNode(false);
                case 3 -> NODES.numberNode(0);
                case 4 -> NODES.numberNode(-1);
                case 5 -> NODES.numberNode(random.nextInt());
                case 6 -> NODES.numberNode(2_147_483_648L);
                case 7 -> NODES.numberNode(Long.MAX_VALUE);
                case 8 -> NODES.numberNode(Long.MIN_VALUE);
                case 9 -> NODES.numberNode(BigInteger.TWO.pow(64 + random.nextInt(2_000)));
                case 10 -> NODES.numberNode(1.5);
                case 11 -> NODES.numberNode(-0.0);
                case 12 -> NODES.numberNode(Double.MAX_VALUE);
                case 13 -> NODES.numberNode(new BigDecimal("1e400"));
                case 14 -> NODES.numberNode(new BigDecimal("-1e-400"));
                case 15 -> NODES.textNode("");
                case 16 -> NODES.textNode("audio");
                case 17 -> NODES.textNode(UUID.randomUUID().toString());
                case 18 -> NODES.textNode("x".repeat(random.nextInt(100_000)));
                case 19 -> NODES.textNode("\u0000");
                case 20 -> NODES.textNode("12");
                case 21 -> NODES.textNode("true");
                case 22 -> NODES.numberNode(255);
                case 23 -> NODES.numberNode(65_536);
                case 24 -> NODES.arrayNode();
                case 25 -> NODES.objectNode();
                case 26 -> NODES.arrayNode().add(junk(depth - 1)).add(junk(depth - 1));
                case 27 -> {
                    ObjectNode object = NODES.objectNode();
                    object.set(pick(List.of("a", "id", "__proto__", "codecs", "")), junk(depth - 1));
                    yield object;
                }
                case 28 -> nested(1 + random.nextInt(20));
                default -> {
                    ObjectNode proto = NODES.objectNode();
                    proto.putObject("__proto__").put("joined", true);
                    yield proto;
                }
            };
        }

        /** Arrays and objects nested {@code levels} deep: where the fuzzer puts them, within the node's nesting limit of 32. */
        private JsonNode nested(int levels) {
            JsonNode node = NODES.numberNode(1);
            for (int i = 0; i < levels; i++) {
                node = random.nextBoolean() ? NODES.arrayNode().add(node) : NODES.objectNode().set("k", node);
            }
            return node;
        }

        private ObjectNode dtlsParameters() {
            StringBuilder fingerprint = new StringBuilder();
            for (int i = 0; i < 32; i++) {
                fingerprint.append(i == 0 ? "" : ":").append(String.format("%02X", random.nextInt(256)));
            }
            ObjectNode dtls = NODES.objectNode().put("role", pick(List.of("client", "server", "auto")));
            dtls.putArray("fingerprints").addObject().put("algorithm", pick(List.of("sha-256", "sha-512", "md5")))
                    .put("value", fingerprint.toString());
            return dtls;
        }

        private ObjectNode sctpCapabilities() {
            ObjectNode capabilities = NODES.objectNode();
            capabilities.putObject("numStreams").put("OS", 1024).put("MIS", 1024);
            return capabilities;
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }
    }

    /** Opus as a browser sends it: enough for the worker to create a producer (no media needs to flow). */
    static Map<String, Object> opus(long ssrc, String mid) {
        return Map.of("mid", mid,
                "codecs", List.of(Map.of("mimeType", "audio/opus", "payloadType", 111, "clockRate", 48000, "channels", 2,
                        "parameters", Map.of("useinbandfec", 1), "rtcpFeedback", List.of())),
                "headerExtensions", List.of(),
                "encodings", List.of(Map.of("ssrc", ssrc)),
                "rtcp", Map.of("cname", "fuzz", "reducedSize", true));
    }

    static Map<String, Object> vp8(long ssrc, String mid) {
        return Map.of("mid", mid,
                "codecs", List.of(Map.of("mimeType", "video/VP8", "payloadType", 96, "clockRate", 90000,
                        "rtcpFeedback", List.of(Map.of("type", "nack"), Map.of("type", "nack", "parameter", "pli")))),
                "headerExtensions", List.of(),
                "encodings", List.of(Map.of("ssrc", ssrc, "maxBitrate", 500_000)),
                "rtcp", Map.of("cname", "fuzz", "reducedSize", true));
    }

    private static void count(Map<String, AtomicInteger> counts, String key) {
        counts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    /** A 500's reason with its ids and numbers blanked, so equal causes count as one. */
    private static String normalize(String reason) {
        return abbreviate(reason.replaceAll("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", "<id>")
                .replaceAll("\\d+", "N"));
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…(" + text.length() + " chars)";
    }
}
