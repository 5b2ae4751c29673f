package org.mscluster.signaling.protoo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.mscluster.signaling.json.Json;

/** Parses and writes the protoo framing of PROTOCOL.md: one JSON object per text frame. */
public final class ProtooCodec {

    /**
     * Deepest nesting a protoo message may have. The deepest legitimate one (a browser's RTP
     * capabilities) nests about six levels; the parser refuses deeper input as it reads it, so a
     * 10,000-level array costs no deep parse, no deep tree and no stack.
     */
    public static final int MAX_NESTING_DEPTH = 32;

    /** Why a frame with a number or a name longer than the parser reads is refused. */
    static final String BEYOND_LIMITS = "JSON beyond the parser's limits (number or name length)";

    private static final ObjectMapper READER = Json.MAPPER.copyWith(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build());

    private ProtooCodec() {
    }

    public static ProtooMessage decode(String text) throws MalformedMessageException {
        JsonNode root;
        try {
            root = READER.readTree(text);
        } catch (StreamConstraintsException e) {
            // Jackson's other read limits (a number over 1,000 digits, a name over 50,000 chars) throw
            // the same exception: only the depth limit is ours to count as such.
            if (String.valueOf(e.getOriginalMessage()).contains("nesting depth")) {
                throw new MalformedMessageException("JSON nested deeper than " + MAX_NESTING_DEPTH + " levels", null, true);
            }
            throw new MalformedMessageException(BEYOND_LIMITS, null);
        } catch (JsonProcessingException e) {
            throw new MalformedMessageException("not JSON", null);
        }
        if (root == null || !root.isObject()) {
            throw new MalformedMessageException("not a JSON object", null);
        }
        if (isTrue(root, "request")) {
            Long id = integralId(root);
            if (id == null) {
                throw new MalformedMessageException("request without a numeric id", null);
            }
            JsonNode method = root.get("method");
            if (method == null || !method.isTextual() || method.asText().isEmpty()) {
                throw new MalformedMessageException("request without a method", id);
            }
            return new ProtooMessage.Request(id, method.asText(), root.get("data"));
        }
        if (isTrue(root, "response")) {
            Long id = integralId(root);
            if (id == null) {
                throw new MalformedMessageException("response without a numeric id", null);
            }
            if (isTrue(root, "ok")) {
                return ProtooMessage.Response.success(id, root.get("data"));
            }
            JsonNode code = root.get("errorCode");
            JsonNode reason = root.get("errorReason");
            return ProtooMessage.Response.error(id, code != null && code.canConvertToInt() ? code.asInt() : 500,
                    reason == null ? "" : reason.asText());
        }
        if (isTrue(root, "notification")) {
            JsonNode method = root.get("method");
            if (method == null || !method.isTextual() || method.asText().isEmpty()) {
                throw new MalformedMessageException("notification without a method", null);
            }
            return new ProtooMessage.Notification(method.asText(), root.get("data"));
        }
        throw new MalformedMessageException("neither request, response nor notification", null);
    }

    public static String encode(ProtooMessage message) {
        ObjectNode node = Json.object();
        // Java 17: no pattern switch yet.
        if (message instanceof ProtooMessage.Request r) {
            node.put("request", true).put("id", r.id()).put("method", r.method());
            node.set("data", r.data());
        } else if (message instanceof ProtooMessage.Response r) {
            node.put("response", true).put("id", r.id()).put("ok", r.ok());
            if (r.ok()) {
                node.set("data", r.data());
            } else {
                node.put("errorCode", r.errorCode()).put("errorReason", r.errorReason());
            }
        } else if (message instanceof ProtooMessage.Notification n) {
            node.put("notification", true).put("method", n.method());
            node.set("data", n.data());
        }
        return Json.write(node);
    }

    private static boolean isTrue(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value != null && value.isBoolean() && value.booleanValue();
    }

    private static Long integralId(JsonNode root) {
        JsonNode id = root.get("id");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
            return null;
        }
        return id.longValue();
    }
}
