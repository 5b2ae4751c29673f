package org.mscluster.cluster.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.mscluster.cluster.model.NodeIdentity;

/**
 * The nodes that dropped out of a placer's view of the registry lately, with their last identity (the
 * registry forgets a node's address with it), for {@code grace} after the placer noticed. A node that
 * comes back is forgotten here at once.
 */
final class LapsedNodes {

    private record Lapsed(NodeIdentity identity, Instant since) {
    }

    private final Clock clock;
    private final Duration grace;
    private final Map<String, Lapsed> lapsed = new ConcurrentHashMap<>();

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
