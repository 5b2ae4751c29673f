package org.mscluster.cluster.registry;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.NodeSummary;
import org.mscluster.cluster.model.NodeState;

/**
 * The cluster's list of live media nodes.
 *
 * <p>Liveness is a lease: each {@link #register} or {@link #refresh} extends the node's entry by
 * {@link #expiry()}; a node that stops refreshing (crashed, partitioned, frozen) is no longer
 * returned once the lease runs out, with nobody having to notice it die. Nodes refresh every
 * second with the default 3-second expiry, so a dead node is gone within 3 to 4 seconds.
 *
 * <p>Implementations: {@link InMemoryNodeRegistry} for a standalone node,
 * {@code RedisNodeRegistry} for the cluster. All methods are thread-safe.
 */
public interface NodeRegistry {
    /** The default lease: three missed one-second reports. */
    Duration DEFAULT_EXPIRY = Duration.ofSeconds(3);

    /** Adds or replaces a node (identity, load and rooms from {@code report}) and starts its lease. */
    void register(NodeReport report);

    /**
     * Stores a node's fresh report (its load and rooms; the identity is kept as registered, see
     * {@link #setState}) and extends the lease: the node's one write a second, one round trip.
     *
     * @return false when the registry no longer knows the node (its lease ran out, or the Redis
     *     server lost its data): the caller must {@link #register} again, and re-assert its rooms
     */
    boolean refresh(NodeReport report);

    /**
     * Changes a live node's state.
     *
     * @return false when the node is unknown; its next registration carries the state instead
     */
    boolean setState(String nodeId, NodeState state);

    /** Removes a node at once, for a clean shutdown: its rooms become reclaimable immediately. */
    void deregister(String nodeId);

    /** Every node whose lease is running, ordered by id: identity and load, what placement reads. */
    List<NodeSnapshot> liveNodes();

    /**
     * {@link #liveNodes()} as a placer reads it once a second: each load reduced to
     * {@link org.mscluster.cluster.model.NodeLoad#forPlacement() the figures placement reads}. In
     * Redis a fraction of the bytes and commands of {@link #liveNodes()} (with a thousand nodes a
     * megabyte of JSON read every second held up the decisions queued behind it).
     */
    default List<NodeSnapshot> placementNodes() {
        return liveNodes().stream().map(n -> new NodeSnapshot(n.identity(), n.load().forPlacement())).toList();
    }

    /**
     * Every live node's latest whole report (identity, load, rooms with their peers), ordered by id:
     * what the admin API, the dashboard and {@code mscluster status} read. At a million rooms this is
     * half a gigabyte: in Redis it is read about a megabyte of room lists per call.
     */
    List<NodeReport> reports();

    /**
     * The latest whole reports of those of {@code nodeIds} that are live, ordered by id: what a question
     * about one room reads (its nodes, from the directory), instead of every node's rooms.
     */
    default List<NodeReport> reports(Collection<String> nodeIds) {
        Set<String> wanted = Set.copyOf(nodeIds);
        return reports().stream().filter(r -> wanted.contains(r.nodeId())).toList();
    }

    /**
     * Every live node's summary (identity, load, its rooms added up per namespace), ordered by id:
     * what the cluster's summary, the dashboard's history and a large cluster's dashboard feed read.
     * A few hundred bytes a node however many rooms it has.
     */
    default List<NodeSummary> summaries() {
        return reports().stream().map(NodeReport::summary).toList();
    }

    /** The node, if its lease is running. */
    Optional<NodeSnapshot> find(String nodeId);

    default boolean isLive(String nodeId) {
        return find(nodeId).isPresent();
    }

    /**
     * Forgets nodes whose lease ran out and returns their ids, each to exactly one caller, so the
     * caller can purge their rooms from the directory.
     */
    Set<String> sweepDeparted();

    /** How long a registration or refresh keeps a node live. */
    Duration expiry();

    /**
     * A number that changes whenever a node registers, deregisters or changes state; not on load
     * reports, and not when a lease runs out. Placers keep a cached view of the nodes and learn
     * from the directory's answers (which carry the current generation) that it is out of date,
     * instead of reading the registry on every decision. A lapsed lease needs no generation: the
     * directory checks a claimant's lease itself.
     *
     * <p>Equal generations mean an unchanged registry apart from loads and expiries; registries that
     * cannot tell return a constant, and their placers rely on their periodic refresh alone.
     */
    default long generation() {
        return 0;
    }
}
