package org.mscluster.cluster.directory;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomCounts;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.registry.NodeRegistry;

/**
 * The room directory of a standalone node: the same rules as the Redis directory, in one JVM.
 *
 * <p>A single monitor guards everything. A standalone node places a room once per room, not per
 * packet, so contention is negligible, and one lock keeps the entries and the per-node index
 * trivially consistent.
 */
public final class InMemoryRoomDirectory implements RoomDirectory {
    private final Map<RoomKey, RoomPlacement> rooms = new HashMap<>();
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
        RoomPlacement current = rooms.get(proposed.room());
        if (current != null && isLive(current.nodeId())) {
            return ClaimResult.held(current);
        }
        if (!isLive(proposed.nodeId())) {
            return ClaimResult.claimantNotLive();
        }
        put(proposed);
        return ClaimResult.claimed(proposed);
    }

    @Override
    public synchronized PlaceResult placeIfAbsent(PlaceRequest request, long viewGeneration) {
        long generation = registry.generation();
        RoomPlacement current = rooms.get(request.room());
        if (current != null && isLive(current.nodeId())) {
            return PlaceResult.held(current, generation);
        }
        if (generation != viewGeneration) {
            return PlaceResult.of(PlaceResult.Outcome.STALE_VIEW, generation);
        }
        RoomPlacement proposal = request.proposal();
        if (proposal == null) {
            return PlaceResult.of(PlaceResult.Outcome.ABSENT, generation);
        }
        boolean up = registry.find(proposal.nodeId()).filter(n -> n.identity().state() == NodeState.UP).isPresent();
        if (!up) {
            return PlaceResult.of(PlaceResult.Outcome.CLAIMANT_UNAVAILABLE, generation);
        }
        put(proposal);
        return PlaceResult.claimed(proposal, countsOf(proposal.nodeId()), generation);
    }

    @Override
    public synchronized Optional<RoomPlacement> lookup(RoomKey room) {
        return Optional.ofNullable(rooms.get(room));
    }

    @Override
    public synchronized boolean release(RoomKey room, String nodeId) {
        RoomPlacement current = rooms.get(room);
        if (current == null || !current.nodeId().equals(nodeId)) {
            return false;
        }
        remove(current);
        return true;
    }

    @Override
    public synchronized Set<RoomKey> reassert(String nodeId, Map<RoomKey, Integer> own) {
        Set<RoomKey> heldElsewhere = new HashSet<>();
        for (var e : own.entrySet()) {
            RoomPlacement current = rooms.get(e.getKey());
            boolean ours = current != null && current.nodeId().equals(nodeId);
            if (!ours && current != null && isLive(current.nodeId())) {
                heldElsewhere.add(e.getKey());
            } else if (!ours || current.workerIndex() != e.getValue()) {
                put(new RoomPlacement(e.getKey(), nodeId, e.getValue(), clock.instant()));
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

    private RoomCounts countsOf(String nodeId) {
        Map<Integer, Integer> perWorker = new HashMap<>();
        byNode.getOrDefault(nodeId, Map.of()).values().forEach(w -> perWorker.merge(w, 1, Integer::sum));
        return new RoomCounts(perWorker);
    }

    private boolean isLive(String nodeId) {
        return registry.isLive(nodeId);
    }

    @Override
    public synchronized int purgeNode(String nodeId) {
        if (isLive(nodeId)) {
            return 0;
        }
        Map<RoomKey, Integer> owned = byNode.remove(nodeId);
        if (owned == null) {
            return 0;
        }
        owned.keySet().forEach(rooms::remove);
        return owned.size();
    }

    private void put(RoomPlacement p) {
        RoomPlacement previous = rooms.put(p.room(), p);
        if (previous != null) {
            unindex(previous);
        }
        byNode.computeIfAbsent(p.nodeId(), k -> new HashMap<>()).put(p.room(), p.workerIndex());
    }

    private void remove(RoomPlacement p) {
        rooms.remove(p.room());
        unindex(p);
    }

    private void unindex(RoomPlacement p) {
        Map<RoomKey, Integer> owned = byNode.get(p.nodeId());
        if (owned != null) {
            owned.remove(p.room());
            if (owned.isEmpty()) {
                byNode.remove(p.nodeId());
            }
        }
    }
}
