package org.mscluster.cluster.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RegionPath;
import org.mscluster.cluster.model.WorkerLoad;

/**
 * JSON for identities and load reports as stored in Redis.
 *
 * <p>Written by hand rather than by record binding: the stored form is read by other versions
 * of the product during rolling upgrades (and by operators with redis-cli), so field names are
 * fixed here, unknown fields are ignored and missing ones get defaults. The state is not in the
 * identity JSON: it lives in its own hash field so draining is one atomic HSET.
 */
final class NodeCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private NodeCodec() {}

    static String identity(NodeIdentity id) {
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
        return write(o);
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
                state == null ? NodeState.UP : NodeState.valueOf(state));
    }

    static String load(NodeLoad load) {
        ObjectNode o = JSON.createObjectNode();
        o.put("cpu", load.cpu());
        o.put("memory", load.memory());
        o.put("netIn", load.networkInBytesPerSecond());
        o.put("netOut", load.networkOutBytesPerSecond());
        o.put("disk", load.disk());
        o.put("reportedAt", load.reportedAt().toEpochMilli());
        ArrayNode workers = o.putArray("workers");
        for (WorkerLoad w : load.workers()) {
            workers.addObject()
                    .put("index", w.index())
                    .put("rooms", w.rooms())
                    .put("peers", w.peers())
                    .put("producers", w.producers())
                    .put("consumers", w.consumers())
                    .put("cpu", w.cpu());
        }
        return write(o);
    }

    static NodeLoad load(String json) {
        JsonNode o = read(json);
        List<WorkerLoad> workers = new ArrayList<>();
        for (JsonNode w : o.path("workers")) {
            workers.add(new WorkerLoad(w.path("index").asInt(), w.path("rooms").asInt(), w.path("peers").asInt(),
                    w.path("producers").asInt(), w.path("consumers").asInt(), w.path("cpu").asDouble()));
        }
        return new NodeLoad(o.path("cpu").asDouble(), o.path("memory").asDouble(), o.path("netIn").asLong(),
                o.path("netOut").asLong(), o.path("disk").asDouble(), workers,
                Instant.ofEpochMilli(o.path("reportedAt").asLong()));
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
