package org.mscluster.cluster.events;

import java.time.Duration;
import java.util.Map;
import org.mscluster.cluster.model.NodeIdentity;

/**
 * Where the node events' lease and the last announced identities live.
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

    /** Records {@code node} as announced in its current state. */
    void recordAnnounced(NodeIdentity node);

    /** Forgets a node that was announced down. */
    void forgetAnnounced(String nodeId);
}
