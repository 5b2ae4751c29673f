package org.mscluster.cluster.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Objects;

/**
 * What travels on a node's mesh channel ({@code KeySpace.nodeMesh}): a small JSON object with the
 * kind, the sender, the request's correlation id (requests, answers and failures only) and the
 * body. The body is a JSON string, so any text (quotes, newlines, JSON of its own) goes through
 * unchanged. Field names are fixed here: other versions of the product read them during rolling
 * upgrades.
 */
record MeshEnvelope(Kind kind, String from, String id, String body) {
    private static final ObjectMapper JSON = new ObjectMapper();

    enum Kind {
        /** One-way; no id. */
        MESSAGE,
        /** Asks for an answer on the sender's channel, with the same id. */
        REQUEST,
        /** The handler's answer to the request with this id. */
        ANSWER,
        /** The handler failed; the body is its message. */
        FAILURE
    }

    MeshEnvelope {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        if (kind != Kind.MESSAGE) {
            Objects.requireNonNull(id, "id");
        }
    }

    static MeshEnvelope message(String from, String body) {
        return new MeshEnvelope(Kind.MESSAGE, from, null, body);
    }

    static MeshEnvelope request(String from, String id, String body) {
        return new MeshEnvelope(Kind.REQUEST, from, id, body);
    }

    static MeshEnvelope answer(String from, String id, String body) {
        return new MeshEnvelope(Kind.ANSWER, from, id, body);
    }

    static MeshEnvelope failure(String from, String id, String message) {
        return new MeshEnvelope(Kind.FAILURE, from, id, message);
    }

    String encode() {
        ObjectNode o = JSON.createObjectNode();
        o.put("kind", kind.name().toLowerCase(Locale.ROOT));
        o.put("from", from);
        if (id != null) {
            o.put("id", id);
        }
        o.put("body", body);
        return o.toString();
    }

    /** @throws IllegalArgumentException when {@code json} is not an envelope */
    static MeshEnvelope decode(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            if (o == null || !o.isObject() || !o.path("from").isTextual()) {
                throw new IllegalArgumentException("not an envelope");
            }
            Kind kind = Kind.valueOf(o.path("kind").asText("").toUpperCase(Locale.ROOT));
            JsonNode body = o.path("body");
            return new MeshEnvelope(kind, o.get("from").asText(), o.path("id").isTextual() ? o.get("id").asText() : null,
                    body.isTextual() ? body.asText() : null);
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not a mesh envelope: " + e.getMessage(), e);
        }
    }
}
