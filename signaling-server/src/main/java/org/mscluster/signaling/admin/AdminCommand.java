package org.mscluster.signaling.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.signaling.admin.AdminActions.ActionResult;
import org.mscluster.signaling.protoo.Json;

/**
 * An admin action sent by a dispatcher to the node hosting the room, over the node's Redis channel
 * ({@code KeySpace.nodeCommands}); the node answers on {@code KeySpace.commandReply(id)}.
 *
 * @param action {@code kick}, {@code close} or {@code drain}
 * @param peer the peer to kick; null otherwise
 */
public record AdminCommand(String id, String action, String namespace, String room, String peer) {

    public static final String KICK = "kick";
    public static final String CLOSE = "close";
    public static final String DRAIN = "drain";

    public String encode() {
        return Json.write(this);
    }

    /** @throws IllegalArgumentException when {@code json} is not a command */
    public static AdminCommand decode(String json) {
        try {
            AdminCommand command = Json.MAPPER.readValue(json, AdminCommand.class);
            if (command.id() == null || command.action() == null) {
                throw new IllegalArgumentException("a command needs an id and an action");
            }
            return command;
        } catch (IOException e) {
            throw new IllegalArgumentException("not an admin command: " + e.getMessage(), e);
        }
    }

    /** Runs the command on this node's {@code actions}. */
    public CompletionStage<ActionResult> applyTo(AdminActions actions, String nodeId) {
        return switch (action) {
            case KICK -> actions.kick(RoomKey.of(namespace, room), peer);
            case CLOSE -> actions.closeRoom(RoomKey.of(namespace, room));
            case DRAIN -> actions.drain(nodeId);
            default -> CompletableFuture.completedFuture(new ActionResult(400, "unknown action " + action));
        };
    }

    public static String encodeResult(ActionResult result) {
        ObjectNode o = Json.object();
        o.put("status", result.status());
        o.put("message", result.message());
        return Json.write(o);
    }

    public static ActionResult decodeResult(String json) {
        try {
            JsonNode o = Json.MAPPER.readTree(json);
            return new ActionResult(o.path("status").asInt(500), o.path("message").asText(""));
        } catch (IOException e) {
            return new ActionResult(502, "unreadable answer from the node");
        }
    }
}
