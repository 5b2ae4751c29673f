package org.mscluster.cluster.agent;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.mscluster.cluster.command.ActionResult;
import org.mscluster.cluster.command.AdminCommand;
import org.mscluster.cluster.command.NodeCommands;
import org.mscluster.cluster.directory.RoomDirectory;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.registry.NodeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A media node's membership of the cluster, from start to shutdown: registers the node, publishes
 * its report (load and rooms, one write) as the node samples it ({@link #publish}; the
 * {@link NodeHeartbeat} on a schedule when it does not), runs a {@link DepartedNodeSweeper} every few
 * seconds, takes admin commands on the cluster's command channel, drains it on request, releases
 * rooms as they close, and deregisters it on close.
 *
 * <p>The same class serves a standalone node with the in-memory registry and directory: only the
 * stores differ.
 */
public final class ClusterAgent implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterAgent.class);

    private final NodeRegistry registry;
    private final RoomDirectory directory;
    private final AtomicReference<NodeIdentity> identity;
    private final Supplier<NodeReport> report;
    private final NodeCommands commands;
    private final Function<AdminCommand, CompletionStage<ActionResult>> commandHandler;
    private NodeCommands.Subscription subscription;
    /** How long close waits for a report in flight before it deregisters. */
    private static final long CLOSE_WAIT_SECONDS = 3;
    private volatile boolean closed;
    private volatile long lastPublishedNanos = System.nanoTime() - TimeUnit.HOURS.toNanos(1);
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
        this.report = b.report != null ? b.report : loadOnly(b.load, this.identity::get);
        this.commands = b.commands;
        this.commandHandler = b.commandHandler;
        this.ownRooms = Objects.requireNonNull(b.ownRooms, "ownRooms");
        this.interval = b.interval;
        this.sweepEvery = b.sweepEvery;
        this.heartbeat = new NodeHeartbeat(registry, directory, this.identity::get, report, ownRooms, b.onSplitRooms,
                b.cascade);
        this.sweeper = new DepartedNodeSweeper(registry, directory, b.purgeDelay);
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
        registry.register(report.get().withIdentity(self));
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
        lastPublishedNanos = System.nanoTime();
        long ms = interval.toMillis();
        // The fallback when nobody calls publish(): a sampler that stalls must not let the lease run out.
        // Looking every half interval writes 1.5 intervals after the last report, not up to 2.
        long quiet = TimeUnit.MILLISECONDS.toNanos(ms * 3 / 2);
        long look = Math.max(1, ms / 2);
        scheduler.scheduleWithFixedDelay(() -> {
            if (System.nanoTime() - lastPublishedNanos >= quiet) {
                beat(null);
            }
        }, look, look, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(sweeper, ms * sweepEvery, ms * sweepEvery, TimeUnit.MILLISECONDS);
        if (commands != null) {
            subscription = commands.subscribe(self.id(), commandHandler);
        }
    }

    /**
     * Publishes a report the node has just sampled, at once, on the agent's thread: the node's one
     * write for this interval (the schedule only writes when nothing was published for 1.5 intervals).
     */
    public void publish(NodeReport sampled) {
        ScheduledExecutorService current;
        synchronized (this) {
            current = scheduler;
        }
        if (current == null) {
            return;
        }
        try {
            current.execute(() -> beat(sampled));
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    private void beat(NodeReport sampled) {
        if (closed) {
            return;
        }
        lastPublishedNanos = System.nanoTime();
        heartbeat.beat(sampled);
    }

    /** Whether the node listens on the command channel now (false without one). */
    public boolean takesCommands() {
        NodeCommands.Subscription current = subscription;
        return current != null && current.active();
    }

    private static Supplier<NodeReport> loadOnly(Supplier<NodeLoad> load, Supplier<NodeIdentity> identity) {
        Objects.requireNonNull(load, "report or load");
        return () -> new NodeReport(identity.get(), load.get(), List.of());
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
        closed = true;
        if (subscription != null) {
            subscription.close();
            subscription = null;
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
            // A beat still running would find the node deregistered below and register it again, with its
            // rooms: the cluster would send their clients back to a node that is gone until the lease ran out.
            try {
                if (!scheduler.awaitTermination(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    log.warn("node {}: a report still running at close; its lease may outlive the node", identity.get().id());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
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
        private Supplier<NodeReport> report;
        private NodeCommands commands;
        private Function<AdminCommand, CompletionStage<ActionResult>> commandHandler;
        private Supplier<Map<RoomKey, Integer>> ownRooms = Map::of;
        private Consumer<Set<RoomKey>> onSplitRooms = rooms -> { };
        private Duration interval = Duration.ofSeconds(1);
        private int sweepEvery = 5;
        private Duration purgeDelay = Duration.ZERO;
        private boolean cascade;

        public Builder registry(NodeRegistry v) { registry = v; return this; }
        public Builder directory(RoomDirectory v) { directory = v; return this; }
        public Builder identity(NodeIdentity v) { identity = v; return this; }
        /** The node's latest report (load and rooms); the agent puts its own identity in. Called on the agent's thread. */
        public Builder report(Supplier<NodeReport> v) { report = v; return this; }
        /** Instead of {@link #report}: the node's load alone, no rooms (simulated nodes, tests). */
        public Builder load(Supplier<NodeLoad> v) { load = v; return this; }
        /** Listens for admin commands addressed to the node from start to close, answering with {@code handler}. */
        public Builder commands(NodeCommands channel, Function<AdminCommand, CompletionStage<ActionResult>> handler) {
            commands = Objects.requireNonNull(channel, "channel");
            commandHandler = Objects.requireNonNull(handler, "handler");
            return this;
        }
        /** The rooms the node hosts, with worker index; called when the directory must be rebuilt. */
        public Builder ownRooms(Supplier<Map<RoomKey, Integer>> v) { ownRooms = v; return this; }
        public Builder onSplitRooms(Consumer<Set<RoomKey>> v) { onSplitRooms = v; return this; }

        /**
         * Rooms may span nodes (cascade, as {@code PlacementSettings.cascade}): after the store lost
         * the node, a room another live node holds by now is re-asserted as this node's leg of it,
         * not reported as split. Off by default.
         */
        public Builder cascade(boolean v) { cascade = v; return this; }
        /** Time between load reports; keep well under the registry's expiry. */
        public Builder interval(Duration v) { interval = v; return this; }
        /** Sweep departed nodes every this many intervals. */
        public Builder sweepEvery(int v) { sweepEvery = v; return this; }
        /** How long after a node departed its directory entries are purged (as {@code PlacementSettings.lapsedOwnerGraceMs}). */
        public Builder purgeDelay(Duration v) { purgeDelay = Objects.requireNonNull(v); return this; }

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
