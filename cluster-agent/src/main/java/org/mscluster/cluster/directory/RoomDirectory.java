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
 * <h2>Legs (cascade)</h2>
 *
 * A room may also span nodes, one <em>leg</em> per node, so that each peer joins the node nearest
 * to it (the signaling layer pipes media between legs). The room's entry ({@link #lookup}) is its
 * first leg, the primary; other legs are opened with {@link #enterLeg}. Without cascade no other
 * leg is ever opened and everything behaves as above. With legs:
 * <ul>
 *   <li>a room never has two legs on one node, however many callers open legs at once;
 *   <li>a room is held while any of its legs' nodes is live: when the entry's node is gone but
 *       another leg's is live, the oldest such leg becomes the entry (is promoted) instead of the
 *       room being claimed afresh; legs of departed nodes are dropped when next met, or by
 *       {@link #purgeNode};
 *   <li>a node's legs count as its rooms ({@link #roomsOf}, {@link #roomCounts}), and
 *       {@link #release} removes a node's leg whichever it is.
 * </ul>
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
     * The room's live legs (cascade: one per node serving some of its peers), the room's entry first,
     * then the others oldest first; empty when no live node holds the room. Without cascade a room
     * has one leg, its placement.
     */
    List<RoomLeg> legs(RoomKey room);

    /**
     * Node side: the peers {@code nodeId}'s leg of {@code room} serves now, which placement weighs
     * against the leg's capacity; it overwrites the count, including the peers the directory added
     * since ({@link #enterLeg}). Nothing is written when the node holds no leg of the room.
     */
    void reportLegPeers(RoomKey room, String nodeId, int peers);

    /**
     * A cascading placer's second step, in one atomic step, after choosing from the room's legs:
     * <ul>
     *   <li>to join the leg on a node: if that leg is still live its peer count goes up by one
     *       ({@link LegResult.Outcome#JOINED}), so that simultaneous joins see legs fill up; if it is
     *       not, {@link LegResult.Outcome#GONE} (or {@link LegResult.Outcome#FREE} when the room has
     *       no live leg left);
     *   <li>to open a leg on a node: if that node already has a live leg of the room, the peer
     *       joins it ({@link LegResult.Outcome#JOINED}: never a second leg on one node); otherwise,
     *       as {@link #placeIfAbsent} checks a claim, {@link LegResult.Outcome#STALE_VIEW} when the
     *       registry's generation is no longer {@code viewGeneration},
     *       {@link LegResult.Outcome#NODE_UNAVAILABLE} when the node is not live and up; otherwise
     *       the leg is written ({@link LegResult.Outcome#OPENED}), or the room itself when it has
     *       no live leg any more ({@link LegResult.Outcome#CLAIMED}).
     * </ul>
     */
    LegResult enterLeg(LegRequest request, long viewGeneration);

    /**
     * {@link #enterLeg} for several peers at once, each atomic on its own and in order (so a leg
     * opened by one is joined by a later one); remote implementations send them in one round trip.
     */
    default List<LegResult> enterLegs(List<LegRequest> requests, long viewGeneration) {
        List<LegResult> out = new ArrayList<>(requests.size());
        for (LegRequest r : requests) {
            out.add(enterLeg(r, viewGeneration));
        }
        return out;
    }

    /** The room's current entry, whether or not its node is still live. */
    Optional<RoomPlacement> lookup(RoomKey room);

    /** {@link #lookup} for several rooms at once: one round trip where the store allows it. */
    default List<Optional<RoomPlacement>> lookupAll(List<RoomKey> rooms) {
        List<Optional<RoomPlacement>> out = new java.util.ArrayList<>(rooms.size());
        for (RoomKey room : rooms) {
            out.add(lookup(room));
        }
        return out;
    }

    /**
     * Removes {@code nodeId}'s leg of the room, if, and only if, it has one: a node closing a room it
     * lost to another node (after a partition) must not evict the new owner. When that leg was the
     * entry and another live leg remains, the oldest of them becomes the entry, so the room stays
     * held.
     *
     * @return true when a leg (the entry or another) was removed
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
    default Set<RoomKey> reassert(String nodeId, Map<RoomKey, Integer> rooms) {
        return reassert(nodeId, rooms, false);
    }

    /**
     * {@link #reassert(String, Map)}, or with {@code asLegs} the cascade variant: a room another live
     * node holds by now is not split but joined, the node's part of it written back as a leg of
     * the room (a node with a leg of the room keeps it either way; never a second leg on a node).
     *
     * @return the rooms another live node holds; always empty with {@code asLegs}
     */
    Set<RoomKey> reassert(String nodeId, Map<RoomKey, Integer> rooms, boolean asLegs);

    /** The rooms the directory assigns to {@code nodeId}, with their worker index. */
    Map<RoomKey, Integer> roomsOf(String nodeId);

    /** Room counts per worker for each of {@code nodeIds} (absent nodes have none). */
    Map<String, RoomCounts> roomCounts(Collection<String> nodeIds);

    /**
     * Deletes every entry and leg still pointing at a node that has departed; entries already
     * reclaimed by other nodes are left alone, and nothing is deleted if the node is live again.
     * An entry removed while the room has another live leg is replaced by the oldest such leg.
     *
     * @return the number of entries and legs removed
     */
    int purgeNode(String nodeId);
}
