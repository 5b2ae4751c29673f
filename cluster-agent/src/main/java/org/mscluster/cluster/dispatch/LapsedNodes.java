package org.mscluster.cluster.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.RoomKey;

/**
 * The nodes that dropped out of a placer's view of the registry lately, with their last identity (the
 * registry forgets a node's address with it), for {@code grace} after the placer noticed. A node that
 * comes back is forgotten here at once. It also keeps what such a node answered about a room for a
 * second ({@link #answer}), so that a crowd joining at once costs one question, not one each: under
 * load, when nodes' reports run late, questions must not pile up on the placer's threads.
 */
final class LapsedNodes {

    private record Lapsed(NodeIdentity identity, Instant since) {
    }

    private record Answer(boolean hosted, Instant at) {
    }

    /** How long an answer of a lapsed node serves other decisions. */
    static final Duration ANSWER_TTL = Duration.ofSeconds(1);

    private final Clock clock;
    private final Duration grace;
    private final Map<String, Lapsed> lapsed = new ConcurrentHashMap<>();
    /** By node id and room: what the node answered lately. */
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    LapsedNodes(Clock clock, Duration grace) {
        this.clock = clock;
        this.grace = grace;
    }

    /** A new view replaced {@code before}: who left it, who is back. */
    void viewChanged(NodeView before, NodeView after) {
        Instant now = clock.instant();
        for (NodeIdentity node : before.identities()) {
            if (after.identity(node.id()).isEmpty()) {
                lapsed.putIfAbsent(node.id(), new Lapsed(node, now));
            }
        }
        for (NodeIdentity node : after.identities()) {
            lapsed.remove(node.id());
        }
        lapsed.values().removeIf(l -> expired(l, now));
        answers.values().removeIf(a -> !now.isBefore(a.at().plus(ANSWER_TTL)));
    }

    /**
     * Whether the lapsed node hosts the room: its answer of the last second, or {@code ask}'s now.
     */
    boolean answer(NodeIdentity node, RoomKey room, OwnerProbe ask) {
        Instant now = clock.instant();
        String key = node.id() + " " + room.encoded();
        Answer known = answers.get(key);
        if (known != null && now.isBefore(known.at().plus(ANSWER_TTL))) {
            return known.hosted();
        }
        boolean hosted = ask.hostsRoom(node, room);
        answers.put(key, new Answer(hosted, now));
        return hosted;
    }

    /** Whether no node lapsed within the grace: then nothing needs probing. */
    boolean none() {
        return lapsed.isEmpty();
    }

    /** The node's last identity, if it dropped out of the view within the grace. */
    Optional<NodeIdentity> recent(String nodeId) {
        Lapsed l = lapsed.get(nodeId);
        if (l == null) {
            return Optional.empty();
        }
        if (expired(l, clock.instant())) {
            lapsed.remove(nodeId, l);
            return Optional.empty();
        }
        return Optional.of(l.identity());
    }

    private boolean expired(Lapsed l, Instant now) {
        return !now.isBefore(l.since().plus(grace));
    }
}
