package org.mscluster.cluster.events;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.mscluster.cluster.model.NodeIdentity;

/**
 * Where the node events' lease, the last announced identities and the outbox of events not yet
 * delivered live. Recording an event and what it announces is one atomic step, so an event is never
 * announced without being in the outbox, nor in the outbox without being announced; an event leaves
 * the outbox only once delivered (or dead-lettered), so a holder that dies leaves its undelivered
 * events to the next.
 *
 * <p>Implementations: {@code RedisNodeEventLedger} for a cluster, {@link InMemoryNodeEventLedger} for
 * one JVM. Thread-safe.
 */
public interface NodeEventLedger {

    /**
     * Takes the lease when nobody holds it, renews it when {@code owner} holds it.
     *
     * @return whether {@code owner} holds the lease now (for {@code ttl} unless renewed)
     */
    boolean holdLease(String owner, Duration ttl);

    /** Gives the lease up if {@code owner} holds it, so another holder need not wait for it to expire. */
    void releaseLease(String owner);

    /** Node id → the identity (with its state) last announced. */
    Map<String, NodeIdentity> announced();

    /**
     * Atomically, if {@code owner} still holds the lease: records {@code nodeId} as announced in
     * {@code announced}'s state (null: forgets it, it was announced down) and appends {@code events}
     * to the outbox.
     *
     * @return false when {@code owner} no longer holds the lease: nothing was recorded
     */
    boolean record(String owner, String nodeId, NodeIdentity announced, List<NodeEvent> events);

    /** Up to {@code max} events of the outbox, oldest first. */
    List<NodeEvent> outbox(int max);

    /** Removes a delivered event from the outbox; nothing happens if it is not there. */
    void delivered(String eventId);

    /**
     * Moves an event whose delivery was given up from the outbox to the dead letters (the last 1000
     * are kept), with why ({@link DeadLetter}); nothing happens if it is not in the outbox.
     */
    void dead(String eventId, String reason, int attempts, Instant at);

    /** The dead letters, newest first. */
    List<DeadLetter> deadLetters();
}
