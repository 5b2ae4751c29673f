package org.mscluster.cluster.directory;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.mscluster.cluster.model.RoomCounts;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;

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
    private final Predicate<String> isLive;
    private final Clock clock;

    /**
     * @param isLive whether a node currently holds a lease, usually {@code registry::isLive}
     */
    public InMemoryRoomDirectory(Predicate<String> isLive, Clock clock) {
        this.isLive = Objects.requireNonNull(isLive, "isLive");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public synchronized ClaimResult claim(RoomPlacement proposed) {
        RoomPlacement current = rooms.get(proposed.room());
        if (current != null && isLive.test(current.nodeId())) {
            return ClaimResult.held(current);
        }
        if (!isLive.test(proposed.nodeId())) {
            return ClaimResult.claimantNotLive();
        }
        put(proposed);
        return ClaimResult.claimed(proposed);
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
            if (!ours && current != null && isLive.test(current.nodeId())) {
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
            Map<Integer, Integer> perWorker = new HashMap<>();
            byNode.getOrDefault(id, Map.of()).values().forEach(w -> perWorker.merge(w, 1, Integer::sum));
            out.put(id, new RoomCounts(perWorker));
        }
        return out;
    }

    @Override
    public synchronized int purgeNode(String nodeId) {
        if (isLive.test(nodeId)) {
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
