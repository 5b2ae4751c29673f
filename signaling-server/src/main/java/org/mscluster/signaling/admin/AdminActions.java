package org.mscluster.signaling.admin;

import java.util.concurrent.CompletionStage;
import org.mscluster.cluster.model.RoomKey;

/**
 * What an admin can do, wherever the room or node is: directly on a standalone node, through the
 * cluster store on a dispatcher. Each completes once the action took effect (or is known to fail).
 */
public interface AdminActions {

    /** Closes the room; its peers are disconnected with 4000 (no reconnect). */
    CompletionStage<ActionResult> closeRoom(RoomKey room);

    /** Disconnects one peer with 4000 (no reconnect). */
    CompletionStage<ActionResult> kick(RoomKey room, String peerId);

    /** The node takes no new rooms from now on; its rooms go on. */
    CompletionStage<ActionResult> drain(String nodeId);

    /**
     * What became of an action.
     *
     * @param status the HTTP status to answer: 200 done, 404 no such room/peer/node
     */
    record ActionResult(int status, String message) {
        public static ActionResult done(String message) {
            return new ActionResult(200, message);
        }

        public static ActionResult notFound(String message) {
            return new ActionResult(404, message);
        }

        public boolean ok() {
            return status < 300;
        }
    }
}
