package org.mscluster.channel.remote;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** One control frame: a JSON object with a {@code type} (hello, auth, ready, refused, ping, pong, exit, kill). */
final class LinkControl {

    static final String HELLO = "hello";
    static final String AUTH = "auth";
    static final String READY = "ready";
    static final String REFUSED = "refused";
    static final String PING = "ping";
    static final String PONG = "pong";
    static final String EXIT = "exit";
    static final String KILL = "kill";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode node;

    private LinkControl(ObjectNode node) {
        this.node = node;
    }

    static LinkControl of(String type) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("type", type);
        return new LinkControl(node);
    }

    static LinkControl parse(String json) {
        JsonNode parsed;
        try {
            parsed = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new LinkProtocolException("control frame is not JSON");
        }
        if (!(parsed instanceof ObjectNode object) || !object.path("type").isTextual()) {
            throw new LinkProtocolException("control frame without a type");
        }
        return new LinkControl(object);
    }

    String type() {
        return node.path("type").asText();
    }

    boolean is(String type) {
        return type().equals(type);
    }

    LinkControl put(String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
        return this;
    }

    LinkControl put(String name, long value) {
        node.put(name, value);
        return this;
    }

    LinkControl put(String name, List<String> values) {
        ArrayNode array = node.putArray(name);
        values.forEach(array::add);
        return this;
    }

    /** The text field {@code name}, or null when absent or not text. */
    String text(String name) {
        JsonNode value = node.get(name);
        return value != null && value.isTextual() ? value.asText() : null;
    }

    long number(String name, long otherwise) {
        JsonNode value = node.get(name);
        return value != null && value.canConvertToLong() ? value.asLong() : otherwise;
    }

    /** The array of strings {@code name}; refuses anything else, as these reach a worker's command line. */
    List<String> texts(String name) {
        JsonNode value = node.get(name);
        List<String> texts = new ArrayList<>();
        if (value == null) {
            return texts;
        }
        if (!value.isArray()) {
            throw new LinkProtocolException(name + " is not an array");
        }
        for (JsonNode element : value) {
            if (!element.isTextual()) {
                throw new LinkProtocolException(name + " holds a non-string");
            }
            texts.add(element.asText());
        }
        return texts;
    }

    String toJson() {
        return node.toString();
    }

    @Override
    public String toString() {
        return toJson();
    }
}
