package org.mscluster.cluster.agent;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.mscluster.cluster.directory.RoomDirectory;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.registry.NodeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node's periodic report: refresh the load, rooms and lease in one write, and when the registry has forgotten
 * the node (Redis restarted empty, or the lease lapsed during a long pause), register again and
 * re-assert the rooms the node is actually hosting. That second path is how the cluster survives
 * a Redis restart: the directory is rebuilt from the nodes' own rooms within one beat.
 *
 * <p>Never throws: a Redis outage must not kill the schedule that will recover from it.
 */
public final class NodeHeartbeat implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(NodeHeartbeat.class);

    /** What one beat did; for tests and metrics. */
    public enum Outcome { REFRESHED, REREGISTERED, FAILED }

    private final NodeRegistry registry;
    private final RoomDirectory directory;
    private final Supplier<NodeIdentity> identity;
    private final Supplier<NodeReport> report;
    private final Supplier<Map<RoomKey, Integer>> ownRooms;
    private final Consumer<Set<RoomKey>> onSplitRooms;
    private final boolean asLegs;
    private volatile boolean failing;

    /**
     * @param identity the node's current identity (its state changes when draining); it replaces the
     *     identity in every report
     * @param report the node's latest report (load and rooms)
     * @param ownRooms the rooms the node hosts right now, with their worker index
     * @param onSplitRooms told about rooms this node hosts but another live node holds in the
     *     directory; the node should redirect their peers to the directory's owner
     */
    public NodeHeartbeat(NodeRegistry registry, RoomDirectory directory, Supplier<NodeIdentity> identity,
            Supplier<NodeReport> report, Supplier<Map<RoomKey, Integer>> ownRooms, Consumer<Set<RoomKey>> onSplitRooms) {
        this(registry, directory, identity, report, ownRooms, onSplitRooms, false);
    }

    /**
     * @param asLegs cascade: the node's rooms another live node holds by now are re-asserted as legs
     *     of those rooms ({@link RoomDirectory#reassert(String, Map, boolean)}), not reported as split
     */
    public NodeHeartbeat(NodeRegistry registry, RoomDirectory directory, Supplier<NodeIdentity> identity,
            Supplier<NodeReport> report, Supplier<Map<RoomKey, Integer>> ownRooms, Consumer<Set<RoomKey>> onSplitRooms,
            boolean asLegs) {
        this.asLegs = asLegs;
        this.registry = Objects.requireNonNull(registry, "registry");
        this.directory = Objects.requireNonNull(directory, "directory");
        this.identity = Objects.requireNonNull(identity, "identity");
        this.report = Objects.requireNonNull(report, "report");
        this.ownRooms = Objects.requireNonNull(ownRooms, "ownRooms");
        this.onSplitRooms = Objects.requireNonNull(onSplitRooms, "onSplitRooms");
    }

    @Override
    public void run() {
        beat();
    }

    /** Publishes the latest report. */
    public Outcome beat() {
        return beat(null);
    }

    /** Publishes {@code sampled} (the latest report when null): one write, one round trip. */
    public Outcome beat(NodeReport sampled) {
        RuntimeException failure = null;
        // One immediate retry: the first failure after a Redis restart is usually a dead pooled
        // connection, and the retry gets a fresh one instead of waiting a whole interval.
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                Outcome outcome = attempt(sampled);
                if (failing) {
                    failing = false;
                    log.info("cluster store reachable again");
                }
                return outcome;
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        // Once per outage, not once a second.
        if (!failing) {
            failing = true;
            log.warn("heartbeat failed, retrying every beat: {}", failure.toString());
        }
        return Outcome.FAILED;
    }

    private Outcome attempt(NodeReport sampled) {
        NodeIdentity self = identity.get();
        NodeReport current = (sampled != null ? sampled : report.get()).withIdentity(self);
        if (registry.refresh(current)) {
            return Outcome.REFRESHED;
        }
        registry.register(current);
        Map<RoomKey, Integer> rooms = ownRooms.get();
        Set<RoomKey> split = directory.reassert(self.id(), rooms, asLegs);
        log.info("node {} re-registered and re-asserted {} rooms ({} held elsewhere)", self.id(), rooms.size(), split.size());
        if (!split.isEmpty()) {
            onSplitRooms.accept(split);
        }
        return Outcome.REREGISTERED;
    }
}
