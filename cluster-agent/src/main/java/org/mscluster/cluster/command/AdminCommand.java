package org.mscluster.cluster.command;

import java.util.Objects;
import java.util.UUID;
import org.mscluster.cluster.model.RoomKey;

/**
 * One admin action addressed to one node.
 *
 * @param id unique per command: the answer is matched to it
 * @param room the room to act on; null for {@link Action#DRAIN}
 * @param peer the peer to kick; null otherwise
 */
public record AdminCommand(String id, Action action, RoomKey room, String peer) {

    /** What the node is asked to do. */
    public enum Action {
        /** Disconnect one peer with 4000 (no reconnect). */
        KICK,
        /** Close the room; its peers are disconnected with 4000. */
        CLOSE,
        /** Take no new rooms; rooms go on. */
        DRAIN
    }

    public AdminCommand {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(action, "action");
        if (action != Action.DRAIN) {
            Objects.requireNonNull(room, "room");
        }
        if (action == Action.KICK) {
            Objects.requireNonNull(peer, "peer");
        }
    }

    public static AdminCommand kick(RoomKey room, String peerId) {
        return new AdminCommand(UUID.randomUUID().toString(), Action.KICK, room, peerId);
    }

    public static AdminCommand close(RoomKey room) {
        return new AdminCommand(UUID.randomUUID().toString(), Action.CLOSE, room, null);
    }

    public static AdminCommand drain() {
        return new AdminCommand(UUID.randomUUID().toString(), Action.DRAIN, null, null);
    }
}
