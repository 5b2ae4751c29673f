package org.mscluster.signaling.hosting;

import java.util.concurrent.CompletionStage;
import org.mscluster.cluster.model.RoomKey;

/**
 * Decides which node and worker host a room. Thread-safe; same room ⇒ same answer, whoever asks and
 * however many ask at once, until the room is released.
 */
public interface RoomHosting {

    /**
     * Where {@code room} lives, placing it (on this node or another) when nobody hosts it yet.
     * Asynchronous because a cluster implementation consults a shared store.
     */
    CompletionStage<HostingDecision> locate(RoomKey room, ClientHints client);

    /**
     * Where a peer already in {@code room} here should be now, this node aside (it drains): another leg
     * of the room, a new leg elsewhere, or this node again when nowhere else can take the peer.
     */
    default CompletionStage<HostingDecision> relocate(RoomKey room, ClientHints client) {
        return locate(room, client);
    }

    /** This node closed {@code room}: the next {@link #locate} may place it anew. */
    void release(RoomKey room);
}
