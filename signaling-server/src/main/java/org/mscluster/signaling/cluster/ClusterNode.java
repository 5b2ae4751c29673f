package org.mscluster.signaling.cluster;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.agent.ClusterAgent;
import org.mscluster.cluster.dispatch.DispatchPipeline;
import org.mscluster.cluster.dispatch.RoomPlacer;
import org.mscluster.cluster.locate.ClientLocator;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.placement.NearestLeastLoadedPolicy;
import org.mscluster.cluster.redis.RedisUrl;
import org.mscluster.signaling.NodeConfig;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.admin.LocalNodeAdmin;
import org.mscluster.signaling.protoo.CloseCodes;
import org.mscluster.signaling.room.Room;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A media node as a member of a cluster: the {@link NodeServer} with a room hosting backed by the
 * room directory, and a {@link ClusterAgent} that registers the node with its signaling URL and
 * reports its load every second.
 *
 * <pre>{@code
 * ClusterNode node = ClusterNode.start(nodeConfig, ClusterSettings.builder()
 *         .redisUrl("redis://10.0.0.2:6379").region("asia/cn/east").isp("telecom").build());
 * ...
 * node.drainAndClose(Duration.ofMinutes(5));   // SIGTERM: no new rooms, wait for the rooms to empty, leave
 * }</pre>
 *
 * <p>Lifecycle: the node serves first (workers, port), then registers, so the cluster never sends a
 * client to a node that cannot take it; {@link #close()} deregisters first, so clients of the rooms it
 * closes are placed elsewhere at once instead of after its lease runs out.
 */
public final class ClusterNode implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    private final NodeConfig config;
    private final ClusterSettings settings;
    private ClusterStore store;
    private boolean ownsStore;
    private ExecutorService io;
    private ScheduledExecutorService scheduler;
    private DispatchPipeline pipeline;
    private volatile NodeServer server;
    private volatile ClusterAgent agent;
    private NodeIdentity identity;
    private NodeOperationsLink operationsLink;
    private volatile boolean draining;

    private ClusterNode(NodeConfig config, ClusterSettings settings) {
        this.config = config;
        this.settings = settings;
    }

    /** Starts the node and registers it; on any failure undoes what started and throws. */
    public static ClusterNode start(NodeConfig config, ClusterSettings settings) throws Exception {
        ClusterNode node = new ClusterNode(config, settings);
        try {
            node.startAll();
        } catch (Exception | Error e) {
            node.close();
            throw e;
        }
        return node;
    }

    private void startAll() throws Exception {
        String nodeId = config.nodeId();
        if (settings.store() != null) {
            store = settings.store();
        } else {
            store = ClusterStore.redis(RedisUrl.parse(settings.redisUrl()), settings.keyPrefix(), settings.clock());
            ownsStore = true;
        }
        io = Executors.newSingleThreadExecutor(daemon("cluster-io-" + nodeId));
        scheduler = Executors.newSingleThreadScheduledExecutor(daemon("cluster-reconcile-" + nodeId));
        RoomPlacer placer = new RoomPlacer(store.registry(), store.directory(),
                new NearestLeastLoadedPolicy(settings.placement()), settings.clock());
        pipeline = new DispatchPipeline(placer, settings.dispatchLanes());
        ClusterRoomHosting hosting = new ClusterRoomHosting(nodeId, pipeline, new ClientLocator(settings.cidrTable()), io);
        server = new NodeServer(config, (c, workers) -> hosting).start();

        identity = NodeIdentity.builder(nodeId)
                .name(settings.name())
                .region(settings.region())
                .isp(settings.isp())
                .signalingUrl(settings.signalingUrl() != null ? settings.signalingUrl() : defaultSignalingUrl())
                .announcedIps(List.of(config.effectiveAnnouncedIp()))
                .namespaces(settings.namespaces())
                .priority(settings.priority())
                .state(NodeState.UP)
                .build();
        agent = ClusterAgent.builder()
                .registry(store.registry())
                .directory(store.directory())
                .identity(identity)
                .load(this::load)
                .ownRooms(this::ownRooms)
                .onSplitRooms(this::moveSplitRooms)
                .interval(settings.reportInterval())
                .build();
        hosting.attach(server.rooms(), agent::roomClosed);
        // Metrics, dashboard and webhooks speak of the registered identity; the admin API's drain drains the cluster node.
        server.operations().useIdentity(agent::identity);
        server.operations().useDrain(this::drain);
        agent.start();
        if (store.redis().isPresent() && store.keys().isPresent()) {
            // The dispatchers' admin API and dashboard: this node's report every second, their commands on its channel.
            operationsLink = new NodeOperationsLink(nodeId, store.redis().get(), store.keys().get(), server.operations()::latest,
                    new LocalNodeAdmin(nodeId, server.operations()::latest, server.rooms(), this::drain),
                    settings.reportInterval(), store.registry().expiry());
            NodeOperationsLink link = operationsLink;
            server.operations().onReport(link::offer);
        }
        long every = settings.reconcileInterval().toMillis();
        scheduler.scheduleWithFixedDelay(new DirectoryReconciler(nodeId, store.directory(), this::ownRooms,
                server.rooms()::hosts, this::moveSplitRooms, settings.unusedClaimGrace(), settings.clock()),
                every, every, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::followRegistryState, every, every, TimeUnit.MILLISECONDS);
        LOG.info("node {} joined the cluster as {} (region '{}', isp '{}', namespaces {}, priority {})", nodeId,
                identity.signalingUrl(), identity.region(), identity.isp(), identity.namespaces(), identity.priority());
    }

    /**
     * The load report: the node's own sample of a second ago ({@link org.mscluster.signaling.operations.NodeSampler}:
     * host, and per worker its rooms, peers, producers, consumers and CPU), with the host figures replaced when the
     * settings say so.
     */
    private NodeLoad load() {
        NodeLoad measured = server.operations().latest().toNodeLoad();
        MachineLoadSource override = settings.machineLoad();
        if (override == null) {
            return measured;
        }
        MachineLoad host = override.sample();
        return new NodeLoad(host.cpu(), host.memory(), host.networkInBytesPerSecond(), host.networkOutBytesPerSecond(),
                host.disk(), measured.workers(), measured.reportedAt());
    }

    /** {@code mscluster node drain} marks the node draining in the registry: drain here too. */
    private void followRegistryState() {
        try {
            if (!draining && (server.draining()
                    || store.registry().find(nodeId()).map(n -> n.identity().state() == NodeState.DRAINING).orElse(false))) {
                LOG.info("node {}: draining (asked through the registry or the admin API)", nodeId());
                drain();
            }
        } catch (RuntimeException e) {
            LOG.debug("registry state not readable: {}", e.toString());
        }
    }

    private String defaultSignalingUrl() {
        String host = config.effectiveAnnouncedIp();
        if (host.contains(":") && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return (config.tls().enabled() ? "wss://" : "ws://") + host + ":" + server.address().getPort() + "/";
    }

    private Map<RoomKey, Integer> ownRooms() {
        Map<RoomKey, Integer> rooms = new HashMap<>();
        for (Room room : server.rooms().rooms()) {
            rooms.put(room.key(), room.workerIndex());
        }
        return rooms;
    }

    /** Rooms another node holds in the directory: their peers leave, and their entry point sends them there. */
    private void moveSplitRooms(Set<RoomKey> rooms) {
        for (RoomKey room : rooms) {
            LOG.warn("room {} is held by another node in the directory: closing it here, its peers will be sent there", room);
            server.rooms().close(room, CloseCodes.GOING_AWAY, "room moved to another node");
        }
    }

    public NodeServer server() {
        return server;
    }

    public ClusterAgent agent() {
        return agent;
    }

    /** The identity the node registered, with its current state (up or draining). */
    public NodeIdentity identity() {
        ClusterAgent current = agent;
        return current != null ? current.identity() : identity;
    }

    public String nodeId() {
        return config.nodeId();
    }

    public boolean draining() {
        return draining;
    }

    /** Takes no new rooms from now on (the registry and {@code /health} say draining); existing rooms go on. */
    public void drain() {
        draining = true;
        server.drain();
        try {
            agent.drain();
        } catch (RuntimeException e) {
            // The identity already says draining: the next registration carries it.
            LOG.warn("node {}: could not tell the registry it is draining yet: {}", nodeId(), e.toString());
        }
        LOG.info("node {} draining: no new rooms; {} rooms with {} peers go on", nodeId(), server.rooms().rooms().size(),
                server.rooms().peerCount());
    }

    /** Waits until the node hosts no room; false if some are still open after {@code timeout}. */
    public boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        for (NodeServer current = server; current != null && !current.rooms().rooms().isEmpty(); current = server) {
            if (System.nanoTime() >= end) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    /** SIGTERM: drain, wait for the rooms to empty (at most {@code timeout}), then leave the cluster and stop. */
    public void drainAndClose(Duration timeout) throws InterruptedException {
        drain();
        if (awaitEmpty(timeout)) {
            LOG.info("node {} drained: no rooms left", nodeId());
        } else {
            LOG.warn("node {}: drain timeout ({} s) with rooms still open: closing them", nodeId(), timeout.toSeconds());
        }
        close();
    }

    /** Leaves the cluster (deregisters), then closes every room and worker. Idempotent. */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        if (operationsLink != null) {
            operationsLink.close();
            operationsLink = null;
        }
        if (agent != null) {
            agent.close();
        }
        if (server != null) {
            server.close();
        }
        if (io != null) {
            // Room releases queued by the closing rooms: let them reach the store before it closes.
            io.shutdown();
            try {
                io.awaitTermination(3, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (store != null && ownsStore) {
            try {
                store.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the cluster store: {}", e.toString());
            }
        }
        scheduler = null;
        agent = null;
        server = null;
        io = null;
        pipeline = null;
        store = null;
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
