package org.mscluster.cluster.redis;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.InflaterInputStream;
import org.mscluster.cluster.events.DeadLetter;
import org.mscluster.cluster.events.NodeEvent;
import org.mscluster.cluster.model.HostLoad;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RegionPath;
import org.mscluster.cluster.model.RoomSnapshot;
import org.mscluster.cluster.model.RoomTotals;
import org.mscluster.cluster.model.WorkerLoad;

/**
 * JSON for identities, loads and rooms as stored in Redis.
 *
 * <p>Written by hand rather than by record binding: the stored form is read by other versions
 * of the product during rolling upgrades (and by operators with redis-cli), so field names are
 * fixed here, unknown fields are ignored and missing ones get defaults. The state is not in the
 * identity JSON: it lives in its own hash field so draining is one atomic HSET.
 */
final class NodeCodec {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .registerModule(new SimpleModule("epoch-millis")
                    .addSerializer(Instant.class, new JsonSerializer<>() {
                        @Override
                        public void serialize(Instant value, JsonGenerator gen, SerializerProvider serializers)
                                throws IOException {
                            gen.writeNumber(value.toEpochMilli());
                        }
                    })
                    .addDeserializer(Instant.class, new JsonDeserializer<>() {
                        @Override
                        public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                            return Instant.ofEpochMilli(p.getValueAsLong());
                        }
                    }));

    private NodeCodec() {}

    static String identity(NodeIdentity id) {
        return write(identityNode(id));
    }

    private static ObjectNode identityNode(NodeIdentity id) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", id.id());
        o.put("name", id.name());
        o.put("region", id.region().toString());
        o.put("isp", id.isp());
        o.put("signalingUrl", id.signalingUrl());
        ArrayNode ips = o.putArray("announcedIps");
        id.announcedIps().forEach(ips::add);
        ArrayNode ns = o.putArray("namespaces");
        id.namespaces().forEach(ns::add);
        o.put("priority", id.priority());
        if (id.egressOnly()) {
            o.put("egressOnly", true);
        }
        return o;
    }

    static NodeIdentity identity(String json, String state) {
        JsonNode o = read(json);
        List<String> ips = new ArrayList<>();
        o.path("announcedIps").forEach(n -> ips.add(n.asText()));
        Set<String> namespaces = new LinkedHashSet<>();
        o.path("namespaces").forEach(n -> namespaces.add(n.asText()));
        return new NodeIdentity(
                o.path("id").asText(),
                o.path("name").asText(null),
                RegionPath.parse(o.path("region").asText("")),
                o.path("isp").asText(""),
                o.path("signalingUrl").asText(),
                ips,
                namespaces.isEmpty() ? Set.of(NodeIdentity.ALL_NAMESPACES) : namespaces,
                o.path("priority").asInt(0),
                state == null ? NodeState.UP : NodeState.valueOf(state),
                o.path("egressOnly").asBoolean(false));
    }

    /** The load part of a report: the machine and each worker, what placement reads. */
    static String load(NodeLoad load) {
        ObjectNode o = JSON.createObjectNode();
        o.set("host", JSON.valueToTree(load.host()));
        o.set("workers", JSON.valueToTree(load.workers()));
        o.put("reportedAt", load.reportedAt().toEpochMilli());
        return write(o);
    }

    static NodeLoad load(String json) {
        JsonNode o = read(json);
        try {
            List<WorkerLoad> workers = new ArrayList<>();
            for (JsonNode w : o.path("workers")) {
                workers.add(JSON.treeToValue(w, WorkerLoad.class));
            }
            HostLoad host = o.has("host") ? JSON.treeToValue(o.get("host"), HostLoad.class) : HostLoad.IDLE;
            return new NodeLoad(host, workers, Instant.ofEpochMilli(o.path("reportedAt").asLong()));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a node load: " + e.getOriginalMessage(), e);
        }
    }

    /** Leads {@link #brief}'s text, so a later format can be told apart. */
    private static final String BRIEF_VERSION = "b1";

    /**
     * The figures of {@link NodeLoad#forPlacement()} in a few hundred bytes (a node's {@code load} JSON
     * is about a kilobyte): {@code b1;cpu,memory,disk,networkIn,networkOut,reportedAt} then
     * {@code ;index,alive,cpu,rooms,peers,producers,consumers} per worker. A fraction (CPU, memory,
     * disk) is its IEEE 754 bits in hex: it reads back exactly, so the placer ranks on the same
     * numbers as from the JSON, and without the cost of parsing a decimal of 17 digits (most of the
     * read's CPU and garbage when it was).
     */
    static String brief(NodeLoad load) {
        HostLoad h = load.host();
        StringBuilder b = new StringBuilder(64 + 48 * load.workers().size()).append(BRIEF_VERSION).append(';')
                .append(bits(h.cpu())).append(',').append(bits(h.memory())).append(',').append(bits(h.disk())).append(',')
                .append(h.networkInBytesPerSecond()).append(',').append(h.networkOutBytesPerSecond()).append(',')
                .append(load.reportedAt().toEpochMilli());
        for (WorkerLoad w : load.workers()) {
            b.append(';').append(w.index()).append(',').append(w.alive() ? 1 : 0).append(',').append(bits(w.cpu())).append(',')
                    .append(w.rooms()).append(',').append(w.peers()).append(',').append(w.producers()).append(',')
                    .append(w.consumers());
        }
        return b.toString();
    }

    private static String bits(double fraction) {
        return Long.toHexString(Double.doubleToLongBits(fraction));
    }

    /**
     * The load {@link #brief} wrote: {@code load.forPlacement()} of the load it was given. Read in place,
     * field by field: a placer reads a thousand of these a second, and splitting them into strings was
     * most of the read's garbage.
     */
    static NodeLoad brief(String text) {
        if (!text.startsWith(BRIEF_VERSION + ";")) {
            throw new IllegalArgumentException("not a load brief: " + text);
        }
        try {
            BriefReader r = new BriefReader(text, BRIEF_VERSION.length() + 1);
            double cpu = r.nextDouble(false);
            double memory = r.nextDouble(true);
            double disk = r.nextDouble(true);
            long in = r.nextLong(true);
            long out = r.nextLong(true);
            long reportedAt = r.nextLong(true);
            List<WorkerLoad> workers = new ArrayList<>(4);
            while (r.more()) {
                r.expect(';');
                workers.add(WorkerLoad.forPlacement(r.nextInt(false), r.nextInt(true) == 1, r.nextDouble(true),
                        r.nextInt(true), r.nextInt(true), r.nextInt(true), r.nextInt(true)));
            }
            return new NodeLoad(HostLoad.of(cpu, memory, in, out, disk), workers, Instant.ofEpochMilli(reportedAt));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a load brief: " + text, e);
        }
    }

    /** A cursor over a brief's fields, separated by ',' within a part and ';' between parts. */
    private static final class BriefReader {
        private final String text;
        private int at;

        BriefReader(String text, int from) {
            this.text = text;
            this.at = from;
        }

        boolean more() {
            return at < text.length();
        }

        void expect(char separator) {
            if (at >= text.length() || text.charAt(at) != separator) {
                throw new IllegalArgumentException("a load brief lacks '" + separator + "' at " + at + ": " + text);
            }
            at++;
        }

        long nextLong(boolean separated) {
            int from = field(separated);
            return Long.parseLong(text, from, at, 10);
        }

        int nextInt(boolean separated) {
            int from = field(separated);
            return Integer.parseInt(text, from, at, 10);
        }

        double nextDouble(boolean separated) {
            int from = field(separated);
            return Double.longBitsToDouble(Long.parseUnsignedLong(text, from, at, 16));
        }

        /**
         * Moves past the next field and returns where it starts.
         *
         * @param separated whether a ',' comes first (every field of a part but its first)
         */
        private int field(boolean separated) {
            if (separated) {
                expect(',');
            }
            int from = at;
            at = fieldEnd();
            return from;
        }

        private int fieldEnd() {
            int i = at;
            while (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != ';') {
                i++;
            }
            return i;
        }
    }

    /**
     * Longest room list a stored report may inflate to: ten thousand rooms of a busy node are about 13 MB
     * of JSON, so a value inflating past this is damaged (or hostile) and is refused before it fills the heap.
     */
    static final int MAX_ROOMS_JSON_BYTES = 64 << 20;

    /** The rooms part of a report as JSON: every room with its peers, what operators read. */
    static String rooms(List<RoomSnapshot> rooms) {
        try {
            return JSON.writeValueAsString(rooms);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("room snapshots are plain records", e);
        }
    }

    /**
     * The rooms part of a report as stored ({@code rooms-deflated}): the JSON deflated, in Base64 so it
     * stays a string for the scripts. The JSON of a thousand rooms is a megabyte, mostly field names
     * repeated for every peer; deflated and in Base64, about 40% of it is left (mostly the random ids: 525
     * instead of 1,316 bytes a room in {@code bench scale}), and Redis's memory and a node's writes shrink
     * alike. The fastest level: a node writes its list every few seconds, and a higher level saves ~10%
     * more bytes for twice the CPU.
     */
    static String packedRooms(List<RoomSnapshot> rooms) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflating = new DeflaterOutputStream(out, deflater)) {
            JSON.writeValue(deflating, rooms);
        } catch (IOException e) {
            throw new IllegalStateException("room snapshots are plain records, written to memory", e);
        } finally {
            deflater.end();
        }
        return Base64.getEncoder().encodeToString(out.toByteArray());
    }

    /**
     * The rooms of a stored report, in either form: JSON (a list, as older versions write it in the
     * {@code rooms} field) or {@link #packedRooms packed}.
     *
     * @throws IllegalArgumentException when it is neither, or inflates past {@link #MAX_ROOMS_JSON_BYTES}
     */
    static List<RoomSnapshot> rooms(String stored) {
        if (stored == null || stored.isEmpty()) {
            return List.of();
        }
        byte[] json = stored.charAt(0) == '[' ? stored.getBytes(StandardCharsets.UTF_8) : inflate(stored);
        try {
            return List.of(JSON.readValue(json, RoomSnapshot[].class));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a room list: " + e.getMessage(), e);
        }
    }

    /** A node's room totals per namespace ({@code totals}): small JSON, written every second. */
    static String totals(Map<String, RoomTotals> byNamespace) {
        try {
            return JSON.writeValueAsString(byNamespace);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("room totals are plain records", e);
        }
    }

    /** @throws IllegalArgumentException when {@code json} is not a map of namespace totals */
    static Map<String, RoomTotals> totals(String json) {
        try {
            Map<String, RoomTotals> read = JSON.readValue(json, TOTALS);
            if (read == null || read.values().stream().anyMatch(java.util.Objects::isNull)) {
                throw new IllegalArgumentException("not room totals: " + json);
            }
            return read;
        } catch (IOException e) {
            throw new IllegalArgumentException("not room totals: " + e.getMessage(), e);
        }
    }

    private static final com.fasterxml.jackson.core.type.TypeReference<Map<String, RoomTotals>> TOTALS =
            new com.fasterxml.jackson.core.type.TypeReference<>() {
            };

    private static byte[] inflate(String packed) {
        byte[] deflated;
        try {
            deflated = Base64.getDecoder().decode(packed);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a room list: neither JSON nor Base64", e);
        }
        byte[] json;
        try (InflaterInputStream inflating = new InflaterInputStream(new ByteArrayInputStream(deflated))) {
            json = inflating.readNBytes(MAX_ROOMS_JSON_BYTES + 1);
        } catch (IOException e) { // damaged or cut short
            throw new IllegalArgumentException("not a room list: " + e.getMessage(), e);
        }
        if (json.length > MAX_ROOMS_JSON_BYTES) {
            throw new IllegalArgumentException("not a room list: inflates past " + MAX_ROOMS_JSON_BYTES + " bytes");
        }
        return json;
    }

    /** An identity with its state in one JSON object: the node events' ledger keeps what it announced so. */
    static String identityWithState(NodeIdentity id) {
        ObjectNode o = identityNode(id);
        o.put("state", id.state().name());
        return write(o);
    }

    static NodeIdentity identityWithState(String json) {
        return identity(json, read(json).path("state").asText(NodeState.UP.name()));
    }

    /** A node event of the outbox: id, type, when, why, and the node's identity with its state. */
    static String nodeEvent(NodeEvent event) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", event.id());
        o.put("type", event.type().name());
        o.put("time", event.time().toEpochMilli());
        if (event.reason() != null) {
            o.put("reason", event.reason());
        }
        o.set("node", read(identityWithState(event.node())));
        return write(o);
    }

    static NodeEvent nodeEvent(String json) {
        JsonNode o = read(json);
        return new NodeEvent(o.path("id").asText(), NodeEvent.Type.valueOf(o.path("type").asText()),
                identityWithState(o.path("node").toString()),
                o.hasNonNull("reason") ? o.path("reason").asText() : null, Instant.ofEpochMilli(o.path("time").asLong()));
    }

    /** Why a delivery was given up, as a dead letter keeps it beside the event ({@code dead_node_event.lua}). */
    static String deadLetterWhy(String reason, int attempts, Instant at) {
        ObjectNode o = JSON.createObjectNode();
        o.put("reason", reason);
        o.put("attempts", attempts);
        o.put("at", at.toEpochMilli());
        return write(o);
    }

    /** A dead letter; one written before the reason was kept is the event alone, and reads as given up at its time. */
    static DeadLetter deadLetter(String json) {
        JsonNode o = read(json);
        if (!o.has("event")) {
            NodeEvent event = nodeEvent(json);
            return new DeadLetter(event, DeadLetter.UNKNOWN_REASON, 0, event.time());
        }
        JsonNode why = o.path("letter");
        return new DeadLetter(nodeEvent(o.path("event").toString()), why.path("reason").asText(DeadLetter.UNKNOWN_REASON),
                why.path("attempts").asInt(0), Instant.ofEpochMilli(why.path("at").asLong()));
    }

    private static String write(ObjectNode o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings and numbers always serialises", e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("corrupt node record in Redis: " + e.getOriginalMessage(), e);
        }
    }
}
