package org.mscluster.cluster.redis;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import org.mscluster.cluster.command.ActionResult;
import org.mscluster.cluster.command.AdminCommand;
import org.mscluster.cluster.model.RoomKey;

/**
 * Admin commands and their answers as JSON on Redis channels and reply lists. Field names are fixed
 * here (other versions of the product read them during rolling upgrades).
 */
final class CommandCodec {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CommandCodec() {}

    static String encode(AdminCommand command) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", command.id());
        o.put("action", command.action().name().toLowerCase(Locale.ROOT));
        if (command.room() != null) {
            o.put("namespace", command.room().namespace());
            o.put("room", command.room().roomId());
        }
        if (command.peer() != null) {
            o.put("peer", command.peer());
        }
        return o.toString();
    }

    /** @throws IllegalArgumentException when {@code json} is not a command */
    static AdminCommand decode(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            AdminCommand.Action action = AdminCommand.Action.valueOf(o.path("action").asText("").toUpperCase(Locale.ROOT));
            RoomKey room = o.hasNonNull("room") ? RoomKey.of(o.path("namespace").asText(RoomKey.DEFAULT_NAMESPACE),
                    o.path("room").asText()) : null;
            return new AdminCommand(o.path("id").asText(null), action, room, o.path("peer").asText(null));
        } catch (JsonProcessingException | RuntimeException e) {
            throw new IllegalArgumentException("not an admin command: " + e.getMessage(), e);
        }
    }

    static String encode(ActionResult result) {
        ObjectNode o = JSON.createObjectNode();
        o.put("status", result.status());
        o.put("message", result.message());
        return o.toString();
    }

    static ActionResult decodeResult(String json) {
        try {
            JsonNode o = JSON.readTree(json);
            return new ActionResult(o.path("status").asInt(500), o.path("message").asText(""));
        } catch (JsonProcessingException e) {
            return new ActionResult(502, "unreadable answer from the node");
        }
    }
}
