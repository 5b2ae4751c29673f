package org.mscluster.cluster.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mscluster.cluster.model.RoomCounts;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomLeg;
import org.mscluster.cluster.model.RoomPlacement;

/**
 * Which node and worker host each room: the single source of truth that keeps a room from ever
 * being split across nodes.
 *
 * <p>The invariant is that {@link #claim} is atomic: of any number of simultaneous claims for a
 * free room, from any number of processes, exactly one is written and all the others are told
 * about it. An entry whose node has dropped out of the registry counts as free, which is how
 * rooms of a crashed node are placed afresh on their next join.
 *
 * <p>Implementations: {@link InMemoryRoomDirectory} for a standalone node,
 * {@code RedisRoomDirectory} for the cluster. All methods are thread-safe.
 */
public interface RoomDirectory {
    /**
     * Writes {@code proposed} unless a live node holds the room.
     *
     * <p>The proposed node must itself be live, or nothing is written: otherwise a node that died
     * between being chosen and being claimed would strand the room until its next join.
     */
    ClaimResult claim(RoomPlacement proposed);

    /**
     * The dispatcher's decision in one atomic step: if a live node holds the room, that placement;
     * otherwise the request's proposal is written, provided that
     * <ul>
     *   <li>the registry's generation is still {@code viewGeneration}, i.e. the caller chose the
     *       proposal from a view of the nodes that no registration, departure or state change has
     *       overtaken (else {@link PlaceResult.Outcome#STALE_VIEW}), and
     *   <li>the proposed node is live and up (else {@link PlaceResult.Outcome#CLAIMANT_UNAVAILABLE}).
     * </ul>
     * The same guarantee as {@link #claim}: of any number of simultaneous calls for a free room,
     * exactly one writes and the others are told about it.
     */
    PlaceResult placeIfAbsent(PlaceRequest request, long viewGeneration);

    /**
     * {@link #placeIfAbsent} for several rooms at once; each is atomic on its own, and the answers
     * come in the requests' order. Remote implementations send them together (one round trip).
     */
    default List<PlaceResult> placeAll(List<PlaceRequest> requests, long viewGeneration) {
        List<PlaceResult> out = new ArrayList<>(requests.size());
        for (PlaceRequest r : requests) {
            out.add(placeIfAbsent(r, viewGeneration));
        }
        return out;
    }

    /**
     * The room's live legs (cascade: one per node serving some of its peers), the room's entry first;
     * empty when no live node holds the room. Without cascade a room has one leg, its placement.
     */
    default List<RoomLeg> legs(RoomKey room) {
        throw new UnsupportedOperationException("legs");
    }

    /**
     * Node side: the peers {@code nodeId}'s leg of {@code room} serves now, which placement weighs
     * against the leg's capacity. Nothing is written when the node holds no leg of the room.
     */
    default void reportLegPeers(RoomKey room, String nodeId, int peers) {
        throw new UnsupportedOperationException("reportLegPeers");
    }

    /** The room's current entry, whether or not its node is still live. */
    Optional<RoomPlacement> lookup(RoomKey room);

    /**
     * Removes the room's entry if, and only if, {@code nodeId} holds it: a node closing a room it
     * lost to another node (after a partition) must not evict the new owner.
     *
     * @return true when an entry was removed
     */
    boolean release(RoomKey room, String nodeId);

    /**
     * Re-asserts a node's own rooms, after the store lost them (Redis restarted empty) or after
     * the node's lease lapsed. Each room is written for {@code nodeId} unless another live node
     * holds it by now.
     *
     * @param rooms the rooms the node is actually hosting, with their worker index
     * @return the rooms another live node holds: they are split, and the caller should move their
     *     peers (redirect them) to the directory's owner
     */
    Set<RoomKey> reassert(String nodeId, Map<RoomKey, Integer> rooms);

    /** The rooms the directory assigns to {@code nodeId}, with their worker index. */
    Map<RoomKey, Integer> roomsOf(String nodeId);

    /** Room counts per worker for each of {@code nodeIds} (absent nodes have none). */
    Map<String, RoomCounts> roomCounts(Collection<String> nodeIds);

    /**
     * Deletes every entry still pointing at a node that has departed; entries already reclaimed
     * by other nodes are left alone, and nothing is deleted if the node is live again.
     *
     * @return the number of entries removed
     */
    int purgeNode(String nodeId);
}
