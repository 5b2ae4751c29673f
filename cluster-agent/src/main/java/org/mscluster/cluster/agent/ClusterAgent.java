package org.mscluster.cluster.agent;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.mscluster.cluster.directory.RoomDirectory;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.registry.NodeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A media node's membership of the cluster, from start to shutdown: registers the node, runs its
 * {@link NodeHeartbeat} every second and a {@link DepartedNodeSweeper} every few seconds, drains
 * it on request, releases rooms as they close, and deregisters it on close.
 *
 * <p>The same class serves a standalone node with the in-memory registry and directory: only the
 * stores differ.
 */
public final class ClusterAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterAgent.class);

    private final NodeRegistry registry;
    private final RoomDirectory directory;
    private final AtomicReference<NodeIdentity> identity;
    private final Supplier<NodeLoad> load;
    private final Supplier<Map<RoomKey, Integer>> ownRooms;
    private final NodeHeartbeat heartbeat;
    private final DepartedNodeSweeper sweeper;
    private final Duration interval;
    private final int sweepEvery;
    private ScheduledExecutorService scheduler;

    private ClusterAgent(Builder b) {
        this.registry = Objects.requireNonNull(b.registry, "registry");
        this.directory = Objects.requireNonNull(b.directory, "directory");
        this.identity = new AtomicReference<>(Objects.requireNonNull(b.identity, "identity"));
        this.load = Objects.requireNonNull(b.load, "load");
        this.ownRooms = Objects.requireNonNull(b.ownRooms, "ownRooms");
        this.interval = b.interval;
        this.sweepEvery = b.sweepEvery;
        this.heartbeat = new NodeHeartbeat(registry, directory, this.identity::get, load, ownRooms, b.onSplitRooms);
        this.sweeper = new DepartedNodeSweeper(registry, directory);
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Registers the node, forgets directory entries a previous run under the same id left behind
     * (their rooms died with that process), and starts the schedules.
     */
    public synchronized void start() {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        NodeIdentity self = identity.get();
        registry.register(self, load.get());
        Map<RoomKey, Integer> hosting = ownRooms.get();
        int stale = 0;
        for (RoomKey room : directory.roomsOf(self.id()).keySet()) {
            if (!hosting.containsKey(room) && directory.release(room, self.id())) {
                stale++;
            }
        }
        if (stale > 0) {
            log.info("node {} released {} rooms left in the directory by its previous run", self.id(), stale);
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cluster-agent-" + self.id());
            t.setDaemon(true);
            return t;
        });
        long ms = interval.toMillis();
        scheduler.scheduleWithFixedDelay(heartbeat, ms, ms, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(sweeper, ms * sweepEvery, ms * sweepEvery, TimeUnit.MILLISECONDS);
    }

    public NodeIdentity identity() {
        return identity.get();
    }

    /** Takes no new rooms from now on; existing rooms carry on. */
    public void drain() {
        setState(NodeState.DRAINING);
    }

    /** Takes new rooms again. */
    public void resume() {
        setState(NodeState.UP);
    }

    private void setState(NodeState state) {
        NodeIdentity updated = identity.updateAndGet(id -> id.withState(state));
        // If the registry has forgotten us, the next beat re-registers with the updated identity.
        registry.setState(updated.id(), state);
    }

    /** Removes a closed room from the directory, if this node still holds it. */
    public boolean roomClosed(RoomKey room) {
        return directory.release(room, identity.get().id());
    }

    /** The heartbeat, for callers that drive it themselves (tests, a custom scheduler). */
    public NodeHeartbeat heartbeat() {
        return heartbeat;
    }

    /**
     * Stops reporting and deregisters, so clients are placed elsewhere at once instead of after
     * the lease runs out.
     */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
        try {
            registry.deregister(identity.get().id());
        } catch (RuntimeException e) {
            log.warn("could not deregister node {}; its lease will run out: {}", identity.get().id(), e.toString());
        }
    }

    /** Assembles an agent; registry, directory, identity and load are required. */
    public static final class Builder {
        private NodeRegistry registry;
        private RoomDirectory directory;
        private NodeIdentity identity;
        private Supplier<NodeLoad> load;
        private Supplier<Map<RoomKey, Integer>> ownRooms = Map::of;
        private Consumer<Set<RoomKey>> onSplitRooms = rooms -> { };
        private Duration interval = Duration.ofSeconds(1);
        private int sweepEvery = 5;

        public Builder registry(NodeRegistry v) { registry = v; return this; }
        public Builder directory(RoomDirectory v) { directory = v; return this; }
        public Builder identity(NodeIdentity v) { identity = v; return this; }
        /** Samples the node's load; called once per beat on the agent's thread. */
        public Builder load(Supplier<NodeLoad> v) { load = v; return this; }
        /** The rooms the node hosts, with worker index; called when the directory must be rebuilt. */
        public Builder ownRooms(Supplier<Map<RoomKey, Integer>> v) { ownRooms = v; return this; }
        public Builder onSplitRooms(Consumer<Set<RoomKey>> v) { onSplitRooms = v; return this; }
        /** Time between load reports; keep well under the registry's expiry. */
        public Builder interval(Duration v) { interval = v; return this; }
        /** Sweep departed nodes every this many intervals. */
        public Builder sweepEvery(int v) { sweepEvery = v; return this; }

        public ClusterAgent build() {
            if (interval.isNegative() || interval.isZero() || sweepEvery < 1) {
                throw new IllegalArgumentException("interval and sweepEvery must be positive");
            }
            if (registry != null && interval.compareTo(registry.expiry()) >= 0) {
                throw new IllegalArgumentException("heartbeat interval " + interval
                        + " must be shorter than the registry expiry " + registry.expiry());
            }
            return new ClusterAgent(this);
        }
    }
}
