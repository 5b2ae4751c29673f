package org.mscluster.signaling.room;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mscluster.signaling.json.Json;
import org.mscluster.signaling.protoo.ProtooError;

/**
 * Typed reads of a request's {@code data}: anything missing or of the wrong shape is a 400 naming
 * the field, never a NullPointerException answered with 500.
 */
final class RequestData {

    private final JsonNode data;

    RequestData(JsonNode data) {
        this.data = data != null && data.isObject() ? data : Json.object();
    }

    String text(String field) {
        JsonNode value = data.get(field);
        if (value == null || !value.isTextual() || value.asText().isEmpty()) {
            throw ProtooError.badRequest("missing or invalid " + field);
        }
        return value.asText();
    }

    String optionalText(String field, String fallback) {
        JsonNode value = data.get(field);
        return value != null && value.isTextual() ? value.asText() : fallback;
    }

    boolean flag(String field) {
        JsonNode value = data.get(field);
        return value != null && value.asBoolean(false);
    }

    Integer optionalInt(String field) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isNumber()) {
            throw ProtooError.badRequest("invalid " + field);
        }
        return value.asInt();
    }

    int integer(String field) {
        Integer value = optionalInt(field);
        if (value == null) {
            throw ProtooError.badRequest("missing " + field);
        }
        return value;
    }

    /** A field mapped onto a mediasoup record, e.g. {@code rtpParameters}. */
    <T> T as(String field, Class<T> type) {
        JsonNode value = data.get(field);
        if (value == null || value.isNull()) {
            throw ProtooError.badRequest("missing " + field);
        }
        try {
            T result = Json.MAPPER.treeToValue(value, type);
            if (result == null) {
                throw ProtooError.badRequest("invalid " + field);
            }
            return result;
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw ProtooError.badRequest("invalid " + field + ": " + firstLine(e.getMessage()));
        }
    }

    /** An object field as a map (appData); absent or not an object gives an empty map. */
    Map<String, Object> map(String field) {
        JsonNode value = data.get(field);
        if (value == null || !value.isObject()) {
            return new LinkedHashMap<>();
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> map = Json.MAPPER.convertValue(value, LinkedHashMap.class);
        return map;
    }

    JsonNode node(String field) {
        JsonNode value = data.get(field);
        return value == null || !value.isObject() ? Json.object() : (ObjectNode) value;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
