package org.mscluster.cluster.events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mscluster.cluster.model.NodeIdentity;

/** The node events' ledger of one JVM; leases expire by the injected clock, as Redis's do by its own. */
public final class InMemoryNodeEventLedger implements NodeEventLedger {

    static final int DEAD_LETTERS_KEPT = 1000;

    private final Clock clock;
    private final Map<String, NodeIdentity> announced = new TreeMap<>();
    private final Map<String, NodeEvent> outbox = new LinkedHashMap<>();
    private final Deque<DeadLetter> dead = new ArrayDeque<>();
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
    public synchronized boolean record(String owner, String nodeId, NodeIdentity now, List<NodeEvent> events) {
        if (!owner.equals(holder) || !clock.instant().isBefore(heldUntil)) {
            return false;
        }
        if (now == null) {
            announced.remove(nodeId);
        } else {
            announced.put(nodeId, now);
        }
        for (NodeEvent event : events) {
            outbox.put(event.id(), event);
        }
        return true;
    }

    @Override
    public synchronized List<NodeEvent> outbox(int max) {
        return outbox.values().stream().limit(max).toList();
    }

    @Override
    public synchronized void delivered(String eventId) {
        outbox.remove(eventId);
    }

    @Override
    public synchronized void dead(String eventId, String reason, int attempts, Instant at) {
        NodeEvent event = outbox.remove(eventId);
        if (event != null) {
            dead.addFirst(new DeadLetter(event, reason, attempts, at));
            while (dead.size() > DEAD_LETTERS_KEPT) {
                dead.removeLast();
            }
        }
    }

    @Override
    public synchronized List<DeadLetter> deadLetters() {
        return new ArrayList<>(dead);
    }
}
