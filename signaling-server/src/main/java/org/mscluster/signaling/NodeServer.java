package org.mscluster.signaling;

import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mscluster.mediasoup.Mediasoup;
import org.mscluster.signaling.access.GuardedEndpoint;
import org.mscluster.signaling.hosting.LeastLoadedLocalHosting;
import org.mscluster.signaling.hosting.RoomHosting;
import org.mscluster.signaling.hosting.SignalingUrls;
import org.mscluster.signaling.http.DispatchEndpoint;
import org.mscluster.signaling.http.HealthEndpoint;
import org.mscluster.signaling.http.JsonEndpoint;
import org.mscluster.signaling.http.StaticFiles;
import org.mscluster.signaling.media.WorkerFleet;
import org.mscluster.signaling.net.SignalingChannelInitializer;
import org.mscluster.signaling.net.SignalingServer;
import org.mscluster.signaling.operations.NodeOperations;
import org.mscluster.signaling.room.RoomRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A media node: its workers (one WebRtcServer each), its rooms and its HTTP + WebSocket port.
 *
 * <pre>{@code
 * NodeServer node = new NodeServer(NodeConfig.builder().port(4443).workers(2).build());
 * node.start();            // blocks until workers run and the port is bound; throws if either fails
 * ... node.address() ...   // the bound address (port 0 in the config: the port picked)
 * node.close();            // closes the port, every room and every worker
 * }</pre>
 *
 * Standalone by default (every room lives here, on the least-loaded worker); a cluster passes its own
 * {@link RoomHosting} factory, which may send clients elsewhere with a redirect.
 */
public final class NodeServer implements AutoCloseable {

    /** Builds the room hosting once the number of workers is known. */
    @FunctionalInterface
    public interface HostingFactory {
        RoomHosting create(NodeConfig config, int workerCount);
    }

    private static final Logger LOG = LoggerFactory.getLogger(NodeServer.class);

    private final NodeConfig config;
    private final HostingFactory hostingFactory;
    private WorkerFleet fleet;
    private RoomHosting hosting;
    private ExecutorService roomPool;
    private RoomRegistry rooms;
    private SignalingServer server;
    private NodeOperations operations;
    private volatile boolean draining;

    public NodeServer(NodeConfig config) {
        this(config, (c, workers) -> new LeastLoadedLocalHosting(workers));
    }

    public NodeServer(NodeConfig config, HostingFactory hostingFactory) {
        this.config = config;
        this.hostingFactory = hostingFactory;
    }

    /** Starts workers, then binds the port. Not restartable: after {@link #close()}, build a new node. */
    public synchronized NodeServer start() throws Exception {
        if (server != null) {
            throw new IllegalStateException("already started");
        }
        String announced = config.effectiveAnnouncedIp();
        try {
            fleet = WorkerFleet.start(new WorkerFleet.Settings(config.workers(), config.workerMode(), config.workerLogLevel(),
                    config.listenIp(), announced, config.rtcPort()));
            hosting = hostingFactory.create(config, fleet.size());
            roomPool = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()), daemonThreads("room"));
            rooms = new RoomRegistry(fleet, hosting, roomPool, config.roomSettings());
            // Metrics, admin API, dashboard, webhooks: listening to rooms before the first one opens.
            operations = NodeOperations.create(this, config.operations(), java.time.Clock.systemUTC());
            SslContext ssl = config.tls().newServerContext(List.of(announced, config.listenIp()));
            StaticFiles web = config.webRoot() == null ? StaticFiles.fromClassPath("web") : StaticFiles.fromDirectory(config.webRoot());
            server = new SignalingServer(config.listenIp(), config.port(), ssl,
                    new SignalingChannelInitializer.Handlers(endpoints(ssl != null), web, rooms, config.access(),
                            operations.routes()),
                    config.webSocketLimits());
            operations.start();
        } catch (Exception | Error e) {
            close();
            throw e;
        }
        LOG.info("node {} serving on {}://{}:{}/ with {} workers (WebRTC on {}:{}-{}, announced as {})", config.nodeId(),
                server.secure() ? "https" : "http", config.listenIp(), address().getPort(), fleet.size(), config.listenIp(),
                config.rtcPort(), config.rtcPort() + fleet.size() - 1, announced);
        return this;
    }

    private Map<String, JsonEndpoint> endpoints(boolean secure) {
        Map<String, JsonEndpoint> endpoints = new LinkedHashMap<>();
        endpoints.put("/health", new HealthEndpoint(this::health));
        endpoints.put("/api/dispatch", new GuardedEndpoint(config.access(), new DispatchEndpoint(config.nodeId(), hosting,
                context -> SignalingUrls.base(secure,
                        context.host() != null ? context.host() : config.effectiveAnnouncedIp() + ":" + address().getPort()))));
        return endpoints;
    }

    private Map<String, Object> health() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", draining ? "draining" : fleet.healthy() ? "up" : "degraded");
        status.put("nodeId", config.nodeId());
        status.put("mediasoupVersion", Mediasoup.version());
        status.put("workers", fleet.size());
        List<Map<String, Object>> workers = new ArrayList<>();
        fleet.all().forEach(w -> workers.add(Map.of("index", w.index(), "pid", w.worker().pid(), "rtcPort", w.rtcPort(),
                "alive", !w.worker().closed())));
        status.put("workerDetails", workers);
        status.put("rooms", rooms.rooms().size());
        status.put("peers", rooms.peerCount());
        return status;
    }

    public NodeConfig config() {
        return config;
    }

    /** The bound address of the HTTP + WebSocket port. */
    public InetSocketAddress address() {
        return server.address();
    }

    /** {@code http(s)://host:port/} for a browser on this host. */
    public String url() {
        String host = config.listenIp().equals("0.0.0.0") || config.listenIp().equals("::") ? "127.0.0.1" : config.listenIp();
        return (server.secure() ? "https://" : "http://") + host + ":" + address().getPort() + "/";
    }

    public RoomRegistry rooms() {
        return rooms;
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

    /** Whether {@link #drain()} was called. */
    public boolean draining() {
        return draining;
    }

    /** Marks the node as draining in {@code /health} (a cluster stops sending new rooms); rooms go on. */
    public void drain() {
        draining = true;
        if (operations != null) {
            operations.draining();
        }
    }

    /** Stops serving: the port closes, every room closes, every worker closes. Idempotent. */
    @Override
    public synchronized void close() {
        draining = true;
        if (rooms != null) {
            rooms.close();
        }
        if (server != null) {
            server.close();
        }
        if (roomPool != null) {
            roomPool.shutdown();
            try {
                roomPool.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (operations != null) {
            // After the rooms' last events, before the workers go: node_down and the pending webhooks.
            operations.close();
        }
        if (fleet != null) {
            fleet.close();
        }
    }

    /** Same as {@link #close()}; the name the CLI uses. */
    public void stop() {
        close();
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
