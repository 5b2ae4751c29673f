package org.mscluster.cluster.dispatch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.RoomCounts;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.placement.Candidate;
import org.mscluster.cluster.placement.PlacementChoice;
import org.mscluster.cluster.placement.PlacementPolicy;

/**
 * One placer's picture of the live nodes: identities, loads and room counts as read at one moment,
 * tagged with the registry generation read just before them. Immutable; a claim that changes a
 * node's room counts yields a new view with the same {@code serial}.
 */
final class NodeView {
    private static final int MAX_CHOICES = 4_096;

    static final NodeView NONE = new NodeView(-1, Long.MIN_VALUE, Long.MIN_VALUE, Map.of());

    private final long serial;
    private final long generation;
    private final long loadedAtMillis;
    private final Map<String, Candidate> nodes;
    private final List<Candidate> candidates;
    /** The policy's answers on this view, by {@link PlacementPolicy#choiceKey}. */
    private final Map<Object, Optional<PlacementChoice>> choices = new ConcurrentHashMap<>();

    private NodeView(long serial, long generation, long loadedAtMillis, Map<String, Candidate> nodes) {
        this.serial = serial;
        this.generation = generation;
        this.loadedAtMillis = loadedAtMillis;
        this.nodes = nodes;
        this.candidates = List.copyOf(nodes.values());
    }

    static NodeView of(long serial, long generation, long loadedAtMillis, List<NodeSnapshot> live,
            Map<String, RoomCounts> counts) {
        Map<String, Candidate> nodes = new LinkedHashMap<>();
        for (NodeSnapshot s : live) {
            nodes.put(s.id(), Candidate.of(s, counts.getOrDefault(s.id(), RoomCounts.NONE)));
        }
        return new NodeView(serial, generation, loadedAtMillis, nodes);
    }

    /** The identities of the view's nodes. */
    java.util.Collection<NodeIdentity> identities() {
        return nodes.values().stream().map(Candidate::identity).toList();
    }

    /** Which read of the registry this view comes from, so concurrent refreshes of one stale view collapse into one. */
    long serial() {
        return serial;
    }

    long generation() {
        return generation;
    }

    long loadedAtMillis() {
        return loadedAtMillis;
    }

    /** The live nodes, ordered by id; an immutable list shared by every decision on this view. */
    List<Candidate> candidates() {
        return candidates;
    }

    /**
     * {@code policy}'s choice for a new room on this view's candidates, computed once per
     * {@link PlacementPolicy#choiceKey} for the view's life (a claim makes a new view, so the next
     * choice sees its room). What every request of one batch got before, each computing it.
     */
    Optional<PlacementChoice> choose(PlacementPolicy policy, RoomKey room, ClientInfo client) {
        Object key = policy.choiceKey(room, client);
        if (key == null) {
            return policy.select(candidates, room, client);
        }
        Optional<PlacementChoice> choice = choices.get(key);
        if (choice == null) {
            choice = policy.select(candidates, room, client);
            if (choices.size() < MAX_CHOICES) { // clients choose their region parameter: bound the memo
                choices.putIfAbsent(key, choice);
            }
        }
        return choice;
    }

    int liveCount() {
        return nodes.size();
    }

    Optional<NodeIdentity> identity(String nodeId) {
        Candidate c = nodes.get(nodeId);
        return c == null ? Optional.empty() : Optional.of(c.identity());
    }

    /** This view with {@code nodeId}'s room counts replaced, as a claim reported them. */
    NodeView withRooms(String nodeId, RoomCounts rooms) {
        Candidate c = nodes.get(nodeId);
        if (c == null) {
            return this;
        }
        Map<String, Candidate> updated = new LinkedHashMap<>(nodes);
        updated.put(nodeId, new Candidate(c.identity(), c.load(), rooms));
        NodeView next = new NodeView(serial, generation, loadedAtMillis, updated);
        if (atLeast(rooms, c.claimed())) {
            // The node only gained rooms: it ranks no better for anyone, so every choice of another
            // node (or of none) stands. Only the choices of this node are made again.
            choices.forEach((key, choice) -> {
                if (choice.isEmpty() || !choice.get().nodeId().equals(nodeId)) {
                    next.choices.put(key, choice);
                }
            });
        }
        return next;
    }

    private static boolean atLeast(RoomCounts now, RoomCounts before) {
        for (var e : before.byWorker().entrySet()) {
            if (now.forWorker(e.getKey()) < Math.max(0, e.getValue())) {
                return false;
            }
        }
        return true;
    }
}
