package org.mscluster.signaling;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.agent.ClusterAgent;
import org.mscluster.cluster.dispatch.DispatchPipeline;
import org.mscluster.cluster.dispatch.RoomPlacer;
import org.mscluster.cluster.locate.ClientLocator;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.placement.NearestLeastLoadedPolicy;
import org.mscluster.cluster.redis.RedisUrl;
import org.mscluster.mediasoup.Mediasoup;
import org.mscluster.signaling.access.GuardedEndpoint;
import org.mscluster.signaling.admin.AdminAuth;
import org.mscluster.signaling.admin.LocalNodeAdmin;
import org.mscluster.signaling.cluster.ClusterCascade;
import org.mscluster.signaling.cluster.ClusterRoomHosting;
import org.mscluster.signaling.cluster.ClusterSettings;
import org.mscluster.signaling.cluster.DirectoryReconciler;
import org.mscluster.signaling.cluster.HostedRoomRoute;
import org.mscluster.signaling.cluster.LapsedOwners;
import org.mscluster.signaling.egress.EgressManager;
import org.mscluster.signaling.egress.EgressNodes;
import org.mscluster.signaling.egress.EgressService;
import org.mscluster.cluster.placement.EgressPlacement;
import org.mscluster.signaling.egress.ProtooEgress;
import org.mscluster.signaling.hosting.SignalingUrls;
import org.mscluster.signaling.http.HttpRoute;
import org.mscluster.signaling.whip.IceServerLink;
import org.mscluster.signaling.whip.InVmProtoo;
import org.mscluster.signaling.whip.WhipRoute;
import org.mscluster.signaling.http.DispatchEndpoint;
import org.mscluster.signaling.http.HealthEndpoint;
import org.mscluster.signaling.http.JsonEndpoint;
import org.mscluster.signaling.http.StaticFiles;
import org.mscluster.signaling.media.WorkerFleet;
import org.mscluster.signaling.metrics.RefusalMeters;
import org.mscluster.signaling.net.SignalingChannelInitializer;
import org.mscluster.signaling.net.SignalingServer;
import org.mscluster.signaling.operations.NodeOperations;
import org.mscluster.signaling.protoo.CloseCodes;
import org.mscluster.signaling.protoo.Refusals;
import org.mscluster.signaling.room.Room;
import org.mscluster.signaling.room.RoomRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A media node: its workers (one WebRtcServer each), its rooms, its HTTP + WebSocket port, and its
 * membership of a cluster. A node that runs alone is a cluster of one: the same room placement, agent
 * and reports run over the in-memory cluster store instead of Redis, so standalone and cluster nodes
 * run the same code.
 *
 * <pre>{@code
 * NodeServer node = new NodeServer(NodeConfig.builder().port(4443).workers(2).build()).start();   // standalone
 * NodeServer member = new NodeServer(config, ClusterSettings.builder()
 *         .redisUrl("redis://10.0.0.2:6379").region("asia/cn/east").isp("telecom").build()).start();
 * ... node.address() ...                 // the bound address (port 0 in the config: the port picked)
 * member.drainAndClose(Duration.ofMinutes(5));   // SIGTERM: no new rooms, wait for the rooms to empty, leave
 * }</pre>
 *
 * <p>Lifecycle: the node serves first (workers, port), then registers, so the cluster never sends a
 * client to a node that cannot take it; {@link #close()} deregisters first, so clients of the rooms it
 * closes are placed elsewhere at once instead of after its lease runs out. Everything is assembled once,
 * in {@link #start()}; nothing is rewired afterwards.
 */
public final class NodeServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeServer.class);

    private final NodeConfig config;
    private final ClusterSettings settings;
    private ClusterStore store;
    private boolean ownsStore;
    private WorkerFleet fleet;
    /** What this node refused its peers, by reason (shared by its sockets and rooms; a metric). */
    private final Refusals refusals = new Refusals();
    private ExecutorService io;
    private ScheduledExecutorService scheduler;
    private DispatchPipeline pipeline;
    private ExecutorService roomPool;
    private volatile RoomRegistry rooms;
    private InVmProtoo whipPeers;
    /** Rooms across nodes, when placement cascades; null otherwise. */
    private ClusterCascade cascade;
    private SignalingServer server;
    private NodeOperations operations;
    private EgressManager egress;
    /** An egress-only node's side of egress; null on other nodes. */
    private volatile EgressService egressService;
    private volatile ClusterAgent agent;
    private volatile NodeIdentity provisional;
    private volatile boolean draining;
    /** Cascade: when a draining node wants its legs' peers on other legs by (nanoTime); 0 before draining. */
    private volatile long movedBy;
    /** How long a drain without a timeout (an admin's) spreads moving its legs' peers over. */
    static final Duration LEG_MOVE_PERIOD = Duration.ofSeconds(60);
    private boolean started;
    private boolean closed;

    /** A node on its own: every room lives here. */
    public NodeServer(NodeConfig config) {
        this(config, ClusterSettings.standalone());
    }

    /** A node in the cluster {@code settings} describe ({@link ClusterSettings#standalone()}: alone). */
    public NodeServer(NodeConfig config, ClusterSettings settings) {
        this.config = config;
        this.settings = settings;
    }

    /**
     * Starts workers, binds the port, then joins the cluster. Not restartable: after {@link #close()},
     * build a new node. On any failure undoes what started and throws.
     */
    public synchronized NodeServer start() throws Exception {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        try {
            startAll();
        } catch (Exception | Error e) {
            close();
            throw e;
        }
        String media = fleet.remote() ? "on media hosts " + config.mediaHosts()
                : "WebRTC on " + config.listenIp() + ":" + config.rtcPort() + "-" + (config.rtcPort() + fleet.size() - 1)
                        + ", announced as " + config.effectiveAnnouncedIp();
        LOG.info("node {} serving on {}://{}:{}/ with {} workers ({}){}", config.nodeId(),
                server.secure() ? "https" : "http", config.listenIp(), port(), fleet.size(), media,
                settings.isStandalone() ? " standalone" : ", in the cluster as " + identity().signalingUrl()
                        + " (region '" + identity().region() + "', isp '" + identity().isp() + "', namespaces "
                        + identity().namespaces() + ", priority " + identity().priority() + ")");
        return this;
    }

    private void startAll() throws Exception {
        String nodeId = config.nodeId();
        Clock clock = settings.clock();
        String announced = config.effectiveAnnouncedIp();
        fleet = WorkerFleet.start(new WorkerFleet.Settings(config.workers(), config.workerMode(), config.workerLogLevel(),
                config.listenIp(), announced, config.rtcPort(), config.mediaHosts(),
                config.rtcPorts() == null ? null : config.rtcPorts()[0], config.rtcPorts() == null ? null : config.rtcPorts()[1]));
        if (settings.store() != null) {
            store = settings.store();
        } else {
            store = settings.isStandalone() ? ClusterStore.inMemory(clock)
                    : ClusterStore.redis(RedisUrl.parse(settings.redisUrl()), settings.keyPrefix(), clock);
            ownsStore = true;
        }
        io = Executors.newSingleThreadExecutor(daemon("cluster-io-" + nodeId));
        scheduler = Executors.newSingleThreadScheduledExecutor(daemon("cluster-reconcile-" + nodeId));
        RoomPlacer placer = LapsedOwners.probing(new RoomPlacer(store.registry(), store.directory(),
                new NearestLeastLoadedPolicy(settings.placement()), clock), settings.placement(),
                config.operations().secrets(), clock);
        pipeline = new DispatchPipeline(placer, settings.dispatchLanes());
        ClusterRoomHosting hosting = new ClusterRoomHosting(nodeId, pipeline, new ClientLocator(settings.cidrTable()), io,
                this::hostedWorker, this::hosts, room -> store.directory().release(room, nodeId), settings.placement().cascade());
        roomPool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), counted("room"));
        rooms = new RoomRegistry(fleet, hosting, roomPool, config.roomSettings(), refusals, System::nanoTime);
        // An egress-only node's legs are cascade legs (media-only), whatever the placement.
        if (settings.placement().cascade() || settings.egressOnly()) {
            cascade = new ClusterCascade(nodeId, store.mesh(), store.directory(), store.registry(), rooms, io, scheduler);
            rooms.cascade(cascade);
        }
        LocalNodeAdmin admin = new LocalNodeAdmin(nodeId, this::latestReport, rooms, this::drain);
        egress = new EgressManager(nodeId, rooms, config.egress(), clock);
        if (settings.egressOnly()) {
            rooms.refuseJoins("node " + nodeId + " is egress-only: it records and streams rooms hosted on other nodes and"
                    + " takes no peers; join through a dispatcher or another node");
            egressService = new EgressService(nodeId, rooms, egress, clock);
            cascade.egressRequests(egressService::handle);
        } else if (cascade != null && !settings.isStandalone()) {
            egress.offload(new EgressNodes(nodeId, () -> identity().region(), cascade, store.registry(),
                    new EgressPlacement(settings.placement()), scheduler, clock,
                    (room, node) -> rooms.find(room).ifPresent(r -> r.legLost(node))));
        }
        rooms.egress(new ProtooEgress(egress, config.operations().secrets(), clock));
        // Metrics, admin API, dashboard, webhooks: listening to rooms before the first one opens.
        operations = new NodeOperations(new NodeOperations.Wiring(nodeId, this::identity, rooms, fleet, admin,
                this::publish, settings.hostLoad(), egress), config.operations(), clock);
        // Off the worker's delivery thread: a report may go to Redis.
        fleet.onChange(() -> scheduler.execute(operations::workersChanged));
        RefusalMeters.bind(operations.metrics().registry(), refusals);
        SslContext ssl = config.tls().newServerContext(List.of(announced, config.listenIp()));
        StaticFiles web = config.webRoot() == null ? StaticFiles.fromClassPath("web") : StaticFiles.fromDirectory(config.webRoot());
        // WHIP and WHEP sessions join rooms as protoo peers over an in-VM channel.
        whipPeers = new InVmProtoo(nodeId, rooms, config.webSocketLimits().requestTimeout());
        List<HttpRoute> routes = nodeRoutes();
        List<String> iceLinks = config.iceServers().stream().map(IceServerLink::header).toList();
        routes.add(new WhipRoute(WhipRoute.Mode.WHIP, whipPeers, rooms, hosting, config.access(), scheduler, iceLinks));
        routes.add(new WhipRoute(WhipRoute.Mode.WHEP, whipPeers, rooms, hosting, config.access(), scheduler, iceLinks));
        server = new SignalingServer(config.listenIp(), config.port(), ssl,
                new SignalingChannelInitializer.Handlers(endpoints(ssl != null, hosting), web, rooms, config.access(),
                        routes, refusals),
                config.webSocketLimits());

        provisional = NodeIdentity.builder(nodeId)
                .name(settings.name())
                .region(settings.region())
                .isp(settings.isp())
                .signalingUrl(settings.signalingUrl() != null ? settings.signalingUrl()
                        : SignalingUrls.ofNode(config.tls().enabled(), announced, port()))
                .announcedIps(List.of(announced))
                .namespaces(settings.namespaces())
                .priority(settings.priority())
                .egressOnly(settings.egressOnly())
                .state(NodeState.UP)
                .build();
        // The first sample before registering, so the registry never holds a node without figures.
        operations.start();
        agent = ClusterAgent.builder()
                .registry(store.registry())
                .directory(store.directory())
                .identity(provisional)
                .report(operations::latest)
                .ownRooms(this::ownRooms)
                .onSplitRooms(this::moveSplitRooms)
                .commands(store.commands(), admin::apply)
                .interval(settings.reportInterval())
                .cascade(settings.placement().cascade())
                .purgeDelay(Duration.ofMillis(settings.placement().lapsedOwnerGraceMs()))
                .build();
        agent.start();
        long every = settings.reconcileInterval().toMillis();
        scheduler.scheduleWithFixedDelay(new DirectoryReconciler(nodeId, store.directory(), this::ownRooms, this::hosts,
                this::moveSplitRooms, settings.unusedClaimGrace(), clock, settings.placement().cascade()), every, every, TimeUnit.MILLISECONDS);
        scheduler.scheduleWithFixedDelay(this::followRegistryState, every, every, TimeUnit.MILLISECONDS);
    }

    private Map<String, JsonEndpoint> endpoints(boolean secure, ClusterRoomHosting hosting) {
        Map<String, JsonEndpoint> endpoints = new LinkedHashMap<>();
        endpoints.put("/health", new HealthEndpoint(this::health));
        endpoints.put("/api/dispatch", new GuardedEndpoint(config.access(), new DispatchEndpoint(config.nodeId(), hosting,
                context -> SignalingUrls.base(secure,
                        context.host() != null ? context.host() : config.effectiveAnnouncedIp() + ":" + port()))));
        return endpoints;
    }

    private Map<String, Object> health() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", draining ? "draining" : fleet.healthy() ? "up" : "degraded");
        status.put("nodeId", config.nodeId());
        status.put("mediasoupVersion", Mediasoup.version());
        status.put("workers", fleet.size());
        List<Map<String, Object>> workers = new ArrayList<>();
        fleet.all().forEach(w -> {
            Map<String, Object> worker = new LinkedHashMap<>();
            worker.put("index", w.index());
            worker.put("pid", w.worker().pid());
            worker.put("rtcPort", w.rtcPort());
            worker.put("alive", !w.worker().closed());
            w.worker().remote().ifPresent(remote -> worker.put("mediaHost", remote.address()));
            workers.add(worker);
        });
        status.put("workerDetails", workers);
        status.put("rooms", rooms.rooms().size());
        status.put("peers", rooms.peerCount());
        return status;
    }

    /** The sampler's reports go to the cluster at once (the agent's schedule is the fallback). */
    private void publish(NodeReport report) {
        ClusterAgent current = agent;
        if (current != null) {
            current.publish(report);
        }
    }

    /** The operations' routes, and what placers ask of a room's owner cut off from Redis. */
    private List<HttpRoute> nodeRoutes() {
        List<HttpRoute> routes = new ArrayList<>(operations.routes());
        routes.add(new HostedRoomRoute(this::hostedWorker, new AdminAuth(config.operations().secrets(),
                config.operations().operatorNamespace(), settings.clock())));
        return routes;
    }

    private NodeReport latestReport() {
        return operations.latest();
    }

    private Optional<Integer> hostedWorker(RoomKey room) {
        RoomRegistry current = rooms;
        return current == null ? Optional.empty() : current.find(room).filter(r -> !r.mediaOnly()).map(Room::workerIndex);
    }

    private boolean hosts(RoomKey room) {
        RoomRegistry current = rooms;
        return current != null && current.hosts(room);
    }

    private Map<RoomKey, Integer> ownRooms() {
        Map<RoomKey, Integer> own = new HashMap<>();
        for (Room room : rooms.rooms()) {
            if (!room.mediaOnly()) { // an egress-only node's legs are never in the directory
                own.put(room.key(), room.workerIndex());
            }
        }
        return own;
    }

    /** Rooms another node holds in the directory: their peers leave, and their entry point sends them there. */
    private void moveSplitRooms(Set<RoomKey> split) {
        for (RoomKey room : split) {
            LOG.warn("room {} is held by another node in the directory: closing it here, its peers will be sent there", room);
            rooms.close(room, CloseCodes.GOING_AWAY, "room moved to another node");
        }
    }

    /** {@code mscluster node drain} marks the node draining in the registry: drain here too. */
    private void followRegistryState() {
        try {
            if (!draining && store.registry().find(config.nodeId())
                    .map(n -> n.identity().state() == NodeState.DRAINING).orElse(false)) {
                LOG.info("node {}: draining (asked through the registry)", config.nodeId());
                drain();
            }
        } catch (RuntimeException e) {
            LOG.debug("registry state not readable: {}", e.toString());
        }
    }

    public NodeConfig config() {
        return config;
    }

    public ClusterSettings clusterSettings() {
        return settings;
    }

    public String nodeId() {
        return config.nodeId();
    }

    /** The identity the node registered, with its current state (up or draining). */
    public NodeIdentity identity() {
        ClusterAgent current = agent;
        if (current != null) {
            return current.identity();
        }
        NodeIdentity before = provisional;
        return before != null ? before : NodeIdentity.builder(config.nodeId()).build();
    }

    /** The node's membership of the cluster (null before {@link #start()}). */
    public ClusterAgent agent() {
        return agent;
    }

    /** The bound address of the HTTP + WebSocket port. */
    public InetSocketAddress address() {
        return server.address();
    }

    /** {@code http(s)://host:port/} for a browser on this host. */
    public String url() {
        String host = config.listenIp().equals("0.0.0.0") || config.listenIp().equals("::") ? "127.0.0.1" : config.listenIp();
        return (server.secure() ? "https://" : "http://") + host + ":" + port() + "/";
    }

    public RoomRegistry rooms() {
        return rooms;
    }

    /** The node's egresses (null before {@link #start()}). */
    public EgressManager egress() {
        return egress;
    }

    public WorkerFleet workers() {
        return fleet;
    }

    /** Metrics, admin API, dashboard and webhooks of this node (null before {@link #start()}). */
    public NodeOperations operations() {
        return operations;
    }

    /** The bound port. */
    public int port() {
        return address().getPort();
    }

    /** Whether the node drains (asked here, through the admin API, or through the registry). */
    public boolean draining() {
        return draining;
    }

    /**
     * Takes no new rooms from now on (the registry and {@code /health} say draining); existing rooms go on.
     * With cascade, the peers of its legs move to other legs over the next minute, a few at a time, and the
     * rooms go on without this node.
     */
    public void drain() {
        drain(LEG_MOVE_PERIOD);
    }

    private void drain(Duration movePeriod) {
        long by = System.nanoTime() + movePeriod.toNanos();
        if (movedBy == 0 || by - movedBy < 0) {
            movedBy = by;
        }
        if (draining) {
            return;
        }
        draining = true;
        if (cascade != null && scheduler != null) {
            scheduler.scheduleWithFixedDelay(this::moveLegPeers, 1, 1, TimeUnit.SECONDS);
        }
        ClusterAgent current = agent;
        if (current != null) {
            try {
                current.drain();
            } catch (RuntimeException e) {
                // The identity already says draining: the next registration carries it.
                LOG.warn("node {}: could not tell the registry it is draining yet: {}", nodeId(), e.toString());
            }
        }
        if (operations != null) {
            operations.draining();
        }
        RoomRegistry open = rooms;
        LOG.info("node {} draining: no new rooms; {} rooms with {} peers go on", nodeId(),
                open == null ? 0 : open.rooms().size(), open == null ? 0 : open.peerCount());
    }

    /**
     * Waits until the node hosts no room; false if some are still open after {@code timeout}. An egress-only node
     * then waits (a few seconds at most) until the rooms' nodes have heard how its egresses ended.
     */
    public boolean awaitEmpty(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        for (RoomRegistry current = rooms; current != null && !current.rooms().isEmpty(); current = rooms) {
            if (System.nanoTime() >= end) {
                return false;
            }
            Thread.sleep(200);
        }
        EgressService service = egressService;
        if (service != null) {
            // Its rooms' nodes learn how each egress ended by asking; one that finds this node gone says failed.
            service.awaitHeard(EgressService.HEARD_WAIT);
        }
        return true;
    }

    /**
     * A draining node's share of moving its legs' peers this second: for each room, its peers over the
     * seconds left until {@link #movedBy}, so that the moves spread out (each is a reconnection for the
     * peer; all at once would be a reconnection storm for the nodes that take them).
     */
    private void moveLegPeers() {
        RoomRegistry open = rooms;
        if (open == null) {
            return;
        }
        long secondsLeft = Math.max(1, TimeUnit.NANOSECONDS.toSeconds(movedBy - System.nanoTime()));
        for (var room : open.rooms()) {
            int peers = room.peerCount();
            if (peers > 0) {
                open.movePeers(room, (int) Math.max(1, (peers + secondsLeft - 1) / secondsLeft));
            }
        }
    }

    /**
     * SIGTERM: drain, wait for the rooms to empty (at most {@code timeout}), then leave the cluster and stop.
     * With cascade, the legs' peers move to other legs within the first half of the timeout.
     */
    public void drainAndClose(Duration timeout) throws InterruptedException {
        drain(timeout.dividedBy(2));
        if (awaitEmpty(timeout)) {
            LOG.info("node {} drained: no rooms left", nodeId());
        } else {
            LOG.warn("node {}: drain timeout ({} s) with rooms still open: closing them", nodeId(), timeout.toSeconds());
        }
        close();
    }

    /** Leaves the cluster (deregisters), closes the port, every room and every worker. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        draining = true;
        if (scheduler != null) {
            // The reconciler must not write for this node after it has left.
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (agent != null) {
            agent.close();
        }
        if (egress != null) {
            // Before the rooms: each ffmpeg finishes its file while its consumers still exist.
            egress.close();
        }
        if (rooms != null) {
            rooms.close();
        }
        if (server != null) {
            server.close();
        }
        if (whipPeers != null) {
            whipPeers.close();
        }
        shutdown(roomPool, 2);
        if (cascade != null) {
            // After the rooms: their closing has told the other legs, through the mesh, that they are gone.
            cascade.close();
            cascade = null;
        }
        if (operations != null) {
            // After the rooms' last events, before the workers go: node_down and the pending webhooks.
            operations.close();
        }
        // Room releases queued by the closing rooms: let them reach the store before it closes.
        shutdown(io, 3);
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
        if (fleet != null) {
            fleet.close();
        }
        scheduler = null;
        agent = null;
        server = null;
        io = null;
        roomPool = null;
        pipeline = null;
        store = null;
    }

    /** Same as {@link #close()}; the name the CLI uses. */
    public void stop() {
        close();
    }

    private static void shutdown(ExecutorService executor, int seconds) {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            executor.awaitTermination(seconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    private static ThreadFactory counted(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
