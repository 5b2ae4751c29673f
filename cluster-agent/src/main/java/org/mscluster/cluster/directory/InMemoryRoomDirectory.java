package org.mscluster.cluster.directory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomCounts;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomLeg;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.registry.NodeRegistry;

/**
 * The room directory of a standalone node: the same rules as the Redis directory, in one JVM.
 *
 * <p>A single monitor guards everything. A standalone node places a room once per room, not per
 * packet, so contention is negligible, and one lock keeps the entries, the legs and the per-node
 * index trivially consistent.
 */
public final class InMemoryRoomDirectory implements RoomDirectory {
    /** Oldest first, then by node id: the order of legs after the entry, and the order of promotion. */
    private static final Comparator<RoomLeg> OLDEST_FIRST =
            Comparator.comparing(RoomLeg::since).thenComparing(RoomLeg::nodeId);

    /** Each room's entry: its primary leg. */
    private final Map<RoomKey, RoomPlacement> rooms = new HashMap<>();
    /** The peers of each entry's leg, when known. */
    private final Map<RoomKey, Integer> entryPeers = new HashMap<>();
    /** Each room's other legs, by node; never a node that holds the entry. */
    private final Map<RoomKey, Map<String, RoomLeg>> otherLegs = new HashMap<>();
    private final Map<String, Map<RoomKey, Integer>> byNode = new HashMap<>();
    private final NodeRegistry registry;
    private final Clock clock;

    /**
     * @param registry the registry whose leases decide which entries are live, whose generation
     *     {@link #placeIfAbsent} checks views against, and whose node states it respects
     */
    public InMemoryRoomDirectory(NodeRegistry registry, Clock clock) {
        this.registry = Objects.requireNonNull(registry, "registry");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized ClaimResult claim(RoomPlacement proposed) {
        RoomPlacement current = liveEntry(proposed.room());
        if (current != null) {
            return ClaimResult.held(current);
        }
        if (!isLive(proposed.nodeId())) {
            return ClaimResult.claimantNotLive();
        }
        put(proposed, 0);
        return ClaimResult.claimed(proposed);
    }

    @Override
    public synchronized PlaceResult placeIfAbsent(PlaceRequest request, long viewGeneration) {
        long generation = registry.generation();
        RoomPlacement current = liveEntry(request.room());
        if (current != null) {
            return request.withLegs()
                    ? PlaceResult.held(current, settle(request.room()), generation)
                    : PlaceResult.held(current, generation);
        }
        if (generation != viewGeneration) {
            return PlaceResult.of(PlaceResult.Outcome.STALE_VIEW, generation);
        }
        RoomPlacement proposal = request.proposal();
        if (proposal == null) {
            return PlaceResult.of(PlaceResult.Outcome.ABSENT, generation);
        }
        if (!isUp(proposal.nodeId())) {
            return PlaceResult.of(PlaceResult.Outcome.CLAIMANT_UNAVAILABLE, generation);
        }
        put(proposal, request.withLegs() ? 1 : 0); // a cascading placer sends the claiming peer there
        return PlaceResult.claimed(proposal, countsOf(proposal.nodeId()), generation);
    }

    @Override
    public synchronized List<RoomLeg> legs(RoomKey room) {
        return settle(room);
    }

    @Override
    public synchronized void reportLegPeers(RoomKey room, String nodeId, int peers) {
        if (peers < 0) {
            throw new IllegalArgumentException("peers must be >= 0");
        }
        RoomPlacement entry = rooms.get(room);
        if (entry != null && entry.nodeId().equals(nodeId)) {
            entryPeers.put(room, peers);
            return;
        }
        Map<String, RoomLeg> others = otherLegs.get(room);
        RoomLeg leg = others == null ? null : others.get(nodeId);
        if (leg != null) {
            others.put(nodeId, new RoomLeg(nodeId, leg.workerIndex(), leg.since(), peers));
        }
    }

    @Override
    public synchronized LegResult enterLeg(LegRequest request, long viewGeneration) {
        RoomKey room = request.room();
        long generation = registry.generation();
        List<RoomLeg> live = settle(room);
        RoomLeg existing = find(live, request.nodeId());
        if (existing != null) {
            return new LegResult(LegResult.Outcome.JOINED, addPeer(room, existing), settle(room), RoomCounts.NONE,
                    generation);
        }
        if (!request.open()) {
            LegResult.Outcome o = live.isEmpty() ? LegResult.Outcome.FREE : LegResult.Outcome.GONE;
            return new LegResult(o, null, live, RoomCounts.NONE, generation);
        }
        if (generation != viewGeneration) {
            return new LegResult(LegResult.Outcome.STALE_VIEW, null, live, RoomCounts.NONE, generation);
        }
        if (!isUp(request.nodeId())) {
            return new LegResult(LegResult.Outcome.NODE_UNAVAILABLE, null, live, RoomCounts.NONE, generation);
        }
        RoomLeg leg = new RoomLeg(request.nodeId(), request.workerIndex(), request.since(), 1);
        LegResult.Outcome outcome;
        if (live.isEmpty()) {
            put(new RoomPlacement(room, leg.nodeId(), leg.workerIndex(), leg.since()), 1);
            outcome = LegResult.Outcome.CLAIMED;
        } else {
            otherLegs.computeIfAbsent(room, k -> new HashMap<>()).put(leg.nodeId(), leg);
            index(leg.nodeId(), room, leg.workerIndex());
            outcome = LegResult.Outcome.OPENED;
        }
        return new LegResult(outcome, leg, settle(room), countsOf(leg.nodeId()), generation);
    }

    @Override
    public synchronized Optional<RoomPlacement> lookup(RoomKey room) {
        return Optional.ofNullable(rooms.get(room));
    }

    @Override
    public synchronized boolean release(RoomKey room, String nodeId) {
        RoomPlacement current = rooms.get(room);
        if (current != null && current.nodeId().equals(nodeId)) {
            removeEntry(current);
            settle(room); // promotes another live leg, if any
            return true;
        }
        Map<String, RoomLeg> others = otherLegs.get(room);
        if (others != null && others.remove(nodeId) != null) {
            unindex(nodeId, room);
            if (others.isEmpty()) {
                otherLegs.remove(room);
            }
            return true;
        }
        return false;
    }

    @Override
    public synchronized Set<RoomKey> reassert(String nodeId, Map<RoomKey, Integer> own, boolean asLegs) {
        Set<RoomKey> heldElsewhere = new HashSet<>();
        for (var e : own.entrySet()) {
            RoomKey room = e.getKey();
            int worker = e.getValue();
            RoomPlacement current = rooms.get(room);
            Map<String, RoomLeg> others = otherLegs.get(room);
            RoomLeg ownLeg = others == null ? null : others.get(nodeId);
            if (current != null && current.nodeId().equals(nodeId)) {
                if (current.workerIndex() != worker) {
                    put(new RoomPlacement(room, nodeId, worker, clock.instant()), 0);
                }
            } else if (ownLeg != null) {
                if (ownLeg.workerIndex() != worker) {
                    others.put(nodeId, new RoomLeg(nodeId, worker, ownLeg.since(), ownLeg.peers()));
                    index(nodeId, room, worker);
                }
                settle(room);
            } else if (liveEntry(room) != null) {
                if (asLegs) {
                    otherLegs.computeIfAbsent(room, k -> new HashMap<>())
                            .put(nodeId, new RoomLeg(nodeId, worker, clock.instant(), 0));
                    index(nodeId, room, worker);
                } else {
                    heldElsewhere.add(room);
                }
            } else {
                put(new RoomPlacement(room, nodeId, worker, clock.instant()), 0);
            }
        }
        return heldElsewhere;
    }

    @Override
    public synchronized Map<RoomKey, Integer> roomsOf(String nodeId) {
        return Map.copyOf(byNode.getOrDefault(nodeId, Map.of()));
    }

    @Override
    public synchronized Map<String, RoomCounts> roomCounts(Collection<String> nodeIds) {
        Map<String, RoomCounts> out = new HashMap<>();
        for (String id : nodeIds) {
            out.put(id, countsOf(id));
        }
        return out;
    }

    @Override
    public synchronized int purgeNode(String nodeId) {
        if (isLive(nodeId)) {
            return 0;
        }
        Map<RoomKey, Integer> owned = byNode.get(nodeId);
        if (owned == null) {
            return 0;
        }
        int removed = 0;
        for (RoomKey room : List.copyOf(owned.keySet())) {
            if (release(room, nodeId)) {
                removed++;
            }
        }
        byNode.remove(nodeId);
        return removed;
    }

    private RoomCounts countsOf(String nodeId) {
        Map<Integer, Integer> perWorker = new HashMap<>();
        byNode.getOrDefault(nodeId, Map.of()).values().forEach(w -> perWorker.merge(w, 1, Integer::sum));
        return new RoomCounts(perWorker);
    }

    private boolean isLive(String nodeId) {
        return registry.isLive(nodeId);
    }

    private boolean isUp(String nodeId) {
        return registry.find(nodeId).filter(n -> n.identity().state() == NodeState.UP).isPresent();
    }

    /** The room's entry once settled, if a live node holds the room; else null. */
    private RoomPlacement liveEntry(RoomKey room) {
        RoomPlacement current = rooms.get(room);
        if (current != null && isLive(current.nodeId())) {
            return current;
        }
        if (otherLegs.containsKey(room)) {
            return settle(room).isEmpty() ? null : rooms.get(room);
        }
        return null;
    }

    /**
     * Drops the room's other legs whose node is gone and, when the entry's node is gone too, puts
     * the oldest live leg in its place, so that a room is free only when none of its legs is live.
     *
     * @return the live legs, the entry first; empty when no live node holds the room
     */
    private List<RoomLeg> settle(RoomKey room) {
        List<RoomLeg> live = new ArrayList<>();
        Map<String, RoomLeg> others = otherLegs.get(room);
        if (others != null) {
            for (Iterator<RoomLeg> it = others.values().iterator(); it.hasNext(); ) {
                RoomLeg leg = it.next();
                if (isLive(leg.nodeId())) {
                    live.add(leg);
                } else {
                    it.remove();
                    unindex(leg.nodeId(), room);
                }
            }
            live.sort(OLDEST_FIRST);
        }
        RoomPlacement entry = rooms.get(room);
        if (entry != null && isLive(entry.nodeId())) {
            live.add(0, new RoomLeg(entry.nodeId(), entry.workerIndex(), entry.claimedAt(),
                    entryPeers.getOrDefault(room, 0)));
        } else if (!live.isEmpty()) {
            RoomLeg heir = live.get(0);
            others.remove(heir.nodeId());
            if (entry != null) {
                unindex(entry.nodeId(), room);
            }
            // The heir's index entry stays as it is: same node, same worker.
            rooms.put(room, new RoomPlacement(room, heir.nodeId(), heir.workerIndex(), heir.since()));
            entryPeers.put(room, heir.peers());
        }
        if (others != null && others.isEmpty()) {
            otherLegs.remove(room);
        }
        return live;
    }

    private static RoomLeg find(List<RoomLeg> legs, String nodeId) {
        for (RoomLeg l : legs) {
            if (l.nodeId().equals(nodeId)) {
                return l;
            }
        }
        return null;
    }

    /** One more peer sent to a live leg of the room; the leg as it now is. */
    private RoomLeg addPeer(RoomKey room, RoomLeg leg) {
        RoomLeg more = new RoomLeg(leg.nodeId(), leg.workerIndex(), leg.since(), leg.peers() + 1);
        RoomPlacement entry = rooms.get(room);
        if (entry != null && entry.nodeId().equals(leg.nodeId())) {
            entryPeers.put(room, more.peers());
        } else {
            otherLegs.get(room).put(leg.nodeId(), more);
        }
        return more;
    }

    /** Makes {@code p} the room's entry; its node keeps no other leg of the room. */
    private void put(RoomPlacement p, int peers) {
        RoomPlacement previous = rooms.put(p.room(), p);
        entryPeers.put(p.room(), peers);
        if (previous != null) {
            unindex(previous.nodeId(), p.room());
        }
        Map<String, RoomLeg> others = otherLegs.get(p.room());
        if (others != null && others.remove(p.nodeId()) != null && others.isEmpty()) {
            otherLegs.remove(p.room());
        }
        index(p.nodeId(), p.room(), p.workerIndex());
    }

    private void removeEntry(RoomPlacement p) {
        rooms.remove(p.room());
        entryPeers.remove(p.room());
        unindex(p.nodeId(), p.room());
    }

    private void index(String nodeId, RoomKey room, int worker) {
        byNode.computeIfAbsent(nodeId, k -> new HashMap<>()).put(room, worker);
    }

    private void unindex(String nodeId, RoomKey room) {
        Map<RoomKey, Integer> owned = byNode.get(nodeId);
        if (owned != null) {
            owned.remove(room);
            if (owned.isEmpty()) {
                byNode.remove(nodeId);
            }
        }
    }
}
