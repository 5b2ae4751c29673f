package org.mscluster.signaling.room;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomLeg;

/**
 * What a room's leg needs from the cluster to reach the room's other legs (rooms across nodes):
 * where they are, and a way to talk to their nodes. Implemented over the cluster store
 * ({@code org.mscluster.signaling.cluster.ClusterCascade}); a node without cascade has none, and its
 * rooms are whole on it.
 */
public interface Cascade {

    /** This node's id, the address of its legs. */
    String nodeId();

    /** The live legs of {@code room} on other nodes, from the directory (read off the caller's thread). */
    CompletableFuture<List<RoomLeg>> otherLegs(RoomKey room);

    /** Every live leg of {@code room}, this node's included, from the directory (read off the caller's thread). */
    CompletableFuture<List<RoomLeg>> legs(RoomKey room);

    /** A one-way message to the node {@code nodeId}; messages to one node arrive in the order sent. */
    void send(String nodeId, ObjectNode message);

    /** A request to {@code nodeId}; completes with its answer or fails (no answer, refused, timeout). */
    CompletableFuture<ObjectNode> request(String nodeId, ObjectNode message);

    /** This node's leg of {@code room} serves {@code peers} peers now (placement weighs legs by it). */
    void reportPeers(RoomKey room, int peers);
}
