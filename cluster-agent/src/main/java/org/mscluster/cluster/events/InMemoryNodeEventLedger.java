package org.mscluster.cluster.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.mscluster.cluster.model.NodeIdentity;

/** The node events' ledger of one JVM; leases expire by the injected clock, as Redis's do by its own. */
public final class InMemoryNodeEventLedger implements NodeEventLedger {

    private final Clock clock;
    private final Map<String, NodeIdentity> announced = new TreeMap<>();
    private String holder;
    private Instant heldUntil = Instant.MIN;

    public InMemoryNodeEventLedger(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized boolean holdLease(String owner, Duration ttl) {
        Instant now = clock.instant();
        if (holder == null || holder.equals(owner) || !now.isBefore(heldUntil)) {
            holder = owner;
            heldUntil = now.plus(ttl);
            return true;
        }
        return false;
    }

    @Override
    public synchronized void releaseLease(String owner) {
        if (owner.equals(holder)) {
            holder = null;
        }
    }

    @Override
    public synchronized Map<String, NodeIdentity> announced() {
        return Map.copyOf(announced);
    }

    @Override
    public synchronized void recordAnnounced(NodeIdentity node) {
        announced.put(node.id(), node);
    }

    @Override
    public synchronized void forgetAnnounced(String nodeId) {
        announced.remove(nodeId);
    }
}
