package org.mscluster.signaling.operations;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
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
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RegionPath;
import org.mscluster.signaling.room.RoomSnapshot;

/**
 * A {@link NodeReport} as JSON, the form in which cluster nodes publish theirs to Redis every second and
 * dispatchers read them back (times as epoch milliseconds).
 */
public final class NodeReportCodec {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
            .registerModule(new SimpleModule("instants")
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

    private NodeReportCodec() {
    }

    public static String encode(NodeReport report) {
        ObjectNode o = JSON.createObjectNode();
        o.set("identity", identity(report.identity()));
        o.set("host", JSON.valueToTree(report.host()));
        o.set("workers", JSON.valueToTree(report.workers()));
        o.set("rooms", JSON.valueToTree(report.rooms()));
        o.put("at", report.at().toEpochMilli());
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException("node report not serializable", e);
        }
    }

    /** @throws IllegalArgumentException when {@code json} is not a node report */
    public static NodeReport decode(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            List<WorkerReport> workers = new ArrayList<>();
            for (JsonNode w : o.path("workers")) {
                workers.add(JSON.treeToValue(w, WorkerReport.class));
            }
            List<RoomSnapshot> rooms = new ArrayList<>();
            for (JsonNode r : o.path("rooms")) {
                rooms.add(JSON.treeToValue(r, RoomSnapshot.class));
            }
            return new NodeReport(identity(o.path("identity")), JSON.treeToValue(o.path("host"), HostLoad.class), workers,
                    rooms, Instant.ofEpochMilli(o.path("at").asLong()));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a node report: " + e.getMessage(), e);
        }
    }

    /** A node's identity, state included, as JSON. */
    public static String encodeIdentity(NodeIdentity identity) {
        return identity(identity).toString();
    }

    /** @throws IllegalArgumentException when {@code json} is not an identity */
    public static NodeIdentity decodeIdentity(String json) {
        try {
            return identity(JSON.readTree(json));
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a node identity: " + e.getMessage(), e);
        }
    }

    private static ObjectNode identity(NodeIdentity id) {
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
        o.put("state", id.state().name());
        return o;
    }

    private static NodeIdentity identity(JsonNode o) {
        List<String> ips = new ArrayList<>();
        o.path("announcedIps").forEach(n -> ips.add(n.asText()));
        Set<String> namespaces = new LinkedHashSet<>();
        o.path("namespaces").forEach(n -> namespaces.add(n.asText()));
        return new NodeIdentity(o.path("id").asText(), o.path("name").isNull() ? null : o.path("name").asText(null),
                RegionPath.parse(o.path("region").asText("")), o.path("isp").asText(""), o.path("signalingUrl").asText(),
                ips, namespaces.isEmpty() ? Set.of(NodeIdentity.ALL_NAMESPACES) : namespaces, o.path("priority").asInt(0),
                NodeState.valueOf(o.path("state").asText("UP")));
    }
}
