package org.mscluster.signaling.room;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.signaling.protoo.ConnectionRequest;
import org.mscluster.signaling.protoo.ProtooError;

/**
 * The protoo requests {@code startEgress} and {@code stopEgress} of a room's peer: who may, and what they
 * do, decided outside the room (the node's egress). Failures are {@link ProtooError}s for the peer.
 */
public interface PeerEgress {

    /** A node without egress: both requests are refused. */
    PeerEgress NONE = new PeerEgress() {
        @Override
        public CompletionStage<Object> start(RoomKey room, String peerId, ConnectionRequest connection, JsonNode data) {
            return CompletableFuture.failedFuture(new ProtooError(ProtooError.NOT_FOUND, "this node runs no egress"));
        }

        @Override
        public CompletionStage<Object> stop(RoomKey room, String peerId, ConnectionRequest connection, JsonNode data) {
            return start(room, peerId, connection, data);
        }
    };

    /** {@code startEgress}: data as the HTTP API's body; answers {@code {"egressId","status"}}. */
    CompletionStage<Object> start(RoomKey room, String peerId, ConnectionRequest connection, JsonNode data);

    /** {@code stopEgress} with {@code {"egressId"}}: answers the egress's status. */
    CompletionStage<Object> stop(RoomKey room, String peerId, ConnectionRequest connection, JsonNode data);
}
