package org.mscluster.cluster.dispatch;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
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
    /**
     * How many of a key's best candidates are kept to choose again from after a claim of its choice:
     * a claim then ranks these few instead of every node (at 10,000 decisions/s on a thousand nodes,
     * ranking them all again was most of a decision's CPU).
     */
    static final int SHORTLIST = 16;

    static final NodeView NONE = new NodeView(-1, Long.MIN_VALUE, Long.MIN_VALUE, Map.of(), new Candidate[0]);

    private final long serial;
    private final long generation;
    private final long loadedAtMillis;
    /**
     * Node id → position in {@link #nodes}, shared by every view of one read: a claim replaces one
     * candidate, and at a thousand claims a second on a thousand nodes, copying a map of them each
     * time was most of the placer's garbage (young collections, so pauses in the decisions' tail).
     */
    private final Map<String, Integer> index;
    /** The candidates in id order; never written after construction. */
    private final Candidate[] nodes;
    private final List<Candidate> candidates;
    /** The policy's answers on this view, by {@link PlacementPolicy#choiceKey}. */
    private final Map<Object, Memo> choices = new ConcurrentHashMap<>();

    /**
     * A remembered answer ({@code choice}; null once its node was claimed) and, where the policy ranks,
     * the ids of the key's best candidates when they were ranked and the first one left out as it was
     * then ({@code runnerUp}; null when every eligible candidate is in the list). Claims only add rooms,
     * so nodes left out rank no better than the runner-up did: the best of the list, with its nodes' rooms
     * as they are now, is the best of all unless the old runner-up beats it.
     */
    private record Memo(Optional<PlacementChoice> choice, String[] shortlist, Candidate runnerUp) {
        Memo invalidated() {
            return new Memo(null, shortlist, runnerUp);
        }
    }

    private NodeView(long serial, long generation, long loadedAtMillis, Map<String, Integer> index, Candidate[] nodes) {
        this.serial = serial;
        this.generation = generation;
        this.loadedAtMillis = loadedAtMillis;
        this.index = index;
        this.nodes = nodes;
        this.candidates = Collections.unmodifiableList(Arrays.asList(nodes));
    }

    static NodeView of(long serial, long generation, long loadedAtMillis, List<NodeSnapshot> live,
            Map<String, RoomCounts> counts) {
        Map<String, Integer> index = new HashMap<>();
        List<Candidate> nodes = new ArrayList<>(live.size());
        for (NodeSnapshot s : live) {
            Candidate c = Candidate.of(s, counts.getOrDefault(s.id(), RoomCounts.NONE));
            Integer at = index.putIfAbsent(s.id(), nodes.size());
            if (at == null) {
                nodes.add(c);
            } else {
                nodes.set(at, c); // as the map this replaced did: the last snapshot of an id wins
            }
        }
        return new NodeView(serial, generation, loadedAtMillis, Map.copyOf(index), nodes.toArray(Candidate[]::new));
    }

    /** The identities of the view's nodes. */
    java.util.Collection<NodeIdentity> identities() {
        return candidates.stream().map(Candidate::identity).toList();
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
        Memo memo = choices.get(key);
        if (memo != null && memo.choice() != null) {
            return memo.choice();
        }
        Memo next = memo != null && memo.shortlist() != null ? fromShortlist(policy, room, client, memo) : null;
        if (next == null) {
            next = ranked(policy, room, client);
        }
        if (memo != null || choices.size() < MAX_CHOICES) { // clients choose their region parameter: bound the memo
            choices.put(key, next);
        }
        return next.choice();
    }

    /** Every candidate ranked: the choice, and the shortlist to choose again from after claims. */
    private Memo ranked(PlacementPolicy policy, RoomKey room, ClientInfo client) {
        List<Candidate> best = policy.ranked(candidates, room, client, SHORTLIST + 1);
        if (best == null) {
            return new Memo(policy.select(candidates, room, client), null, null);
        }
        Optional<PlacementChoice> choice = best.isEmpty() ? Optional.empty()
                : policy.select(List.of(best.get(0)), room, client);
        int listed = Math.min(best.size(), SHORTLIST);
        String[] ids = new String[listed];
        for (int i = 0; i < listed; i++) {
            ids[i] = best.get(i).id();
        }
        return new Memo(choice, ids, best.size() > SHORTLIST ? best.get(SHORTLIST) : null);
    }

    /** The choice from the shortlist as its nodes are now, or null when the old runner-up could beat it. */
    private Memo fromShortlist(PlacementPolicy policy, RoomKey room, ClientInfo client, Memo memo) {
        List<Candidate> now = new ArrayList<>(memo.shortlist().length + 1);
        for (String id : memo.shortlist()) {
            now.add(nodes[index.get(id)]);
        }
        if (memo.runnerUp() != null) {
            now.add(memo.runnerUp());
        }
        Optional<PlacementChoice> choice = policy.select(now, room, client);
        if (memo.runnerUp() != null && (choice.isEmpty() || choice.get().nodeId().equals(memo.runnerUp().id()))) {
            return null; // a node left out may rank first now: rank them all again
        }
        return new Memo(choice, memo.shortlist(), memo.runnerUp());
    }

    int liveCount() {
        return nodes.length;
    }

    Optional<NodeIdentity> identity(String nodeId) {
        Integer at = index.get(nodeId);
        return at == null ? Optional.empty() : Optional.of(nodes[at].identity());
    }

    /** This view with {@code nodeId}'s room counts replaced, as a claim reported them. */
    NodeView withRooms(String nodeId, RoomCounts rooms) {
        Integer at = index.get(nodeId);
        if (at == null) {
            return this;
        }
        Candidate c = nodes[at];
        Candidate[] updated = nodes.clone();
        updated[at] = new Candidate(c.identity(), c.load(), rooms);
        NodeView next = new NodeView(serial, generation, loadedAtMillis, index, updated);
        if (atLeast(rooms, c.claimed())) {
            // The node only gained rooms: it ranks no better for anyone, so every choice of another
            // node (or of none) stands. Only the choices of this node are made again.
            choices.forEach((key, memo) -> {
                Optional<PlacementChoice> choice = memo.choice();
                boolean stands = choice != null && (choice.isEmpty() || !choice.get().nodeId().equals(nodeId));
                if (stands) {
                    next.choices.put(key, memo);
                } else if (memo.shortlist() != null) {
                    next.choices.put(key, memo.invalidated());
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
