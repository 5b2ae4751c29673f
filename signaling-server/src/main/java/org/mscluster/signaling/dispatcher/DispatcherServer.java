package org.mscluster.signaling.dispatcher;

import io.micrometer.core.instrument.Tag;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.dispatch.DispatchPipeline;
import org.mscluster.cluster.dispatch.RoomPlacer;
import org.mscluster.cluster.locate.ClientLocator;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.placement.NearestLeastLoadedPolicy;
import org.mscluster.signaling.cluster.LapsedOwners;
import org.mscluster.cluster.redis.RedisUrl;
import org.mscluster.signaling.http.HttpRoute;
import org.mscluster.signaling.http.JsonEndpoint;
import org.mscluster.signaling.http.JsonResponse;
import org.mscluster.signaling.http.StaticFiles;
import org.mscluster.signaling.metrics.DispatcherMeters;
import org.mscluster.signaling.metrics.PrometheusMetrics;
import org.mscluster.signaling.metrics.RefusalMeters;
import org.mscluster.signaling.net.SignalingChannelInitializer;
import org.mscluster.signaling.net.SignalingServer;
import org.mscluster.signaling.protoo.Refusals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's entry point: one HTTP + WebSocket port (the node's pipeline) where every protoo
 * socket is answered with a redirect to the node and worker of its room, {@code GET /api/dispatch}
 * answers the same question as JSON, {@code /health} says whether it serves, {@code /metrics} counts
 * decisions, refusals ({@code mscluster_refusals_total{reason}}, as on nodes) and times redirects and Redis round trips, and {@code /} serves the web client, whose socket then comes back here and is redirected. Stateless: any number run side by
 * side behind a load balancer, all answers come from the room directory in Redis.
 *
 * <pre>{@code
 * DispatcherServer dispatcher = DispatcherServer.start(DispatcherConfig.builder()
 *         .redisUrl("redis://10.0.0.2:6379").port(4443).access(new TokenAccessGuard(secrets, clock)).build());
 * dispatcher.close();
 * }</pre>
 */
public final class DispatcherServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DispatcherServer.class);

    private final DispatcherConfig config;
    private ClusterStore store;
    private boolean ownsStore;
    private DispatchPipeline pipeline;
    private ScheduledExecutorService probe;
    private SignalingServer server;
    private PrometheusMetrics metrics;
    private Dispatcher dispatcher;
    private DispatcherMeters meters;
    /** What this dispatcher's port refused (connections, handshakes, oversized requests): a metric, as on nodes. */
    private final Refusals refusals = new Refusals();
    private volatile Map<String, Object> clusterHealth = Map.of("redis", "unknown");
    private volatile List<NodeSnapshot> liveNodes = List.of();
    /** Held here: Micrometer gauges keep only a weak reference to what they read. */
    private final java.util.function.Supplier<List<NodeSnapshot>> liveNodesView = () -> liveNodes;

    private DispatcherServer(DispatcherConfig config) {
        this.config = config;
    }

    /** Connects to the store, binds the port; on failure cleans up and throws. */
    public static DispatcherServer start(DispatcherConfig config) throws Exception {
        DispatcherServer dispatcher = new DispatcherServer(config);
        try {
            dispatcher.startAll();
        } catch (Exception | Error e) {
            dispatcher.close();
            throw e;
        }
        return dispatcher;
    }

    private void startAll() throws Exception {
        if (config.store() != null) {
            store = config.store();
        } else {
            store = ClusterStore.redis(RedisUrl.parse(config.redisUrl()), config.keyPrefix(), config.clock());
            ownsStore = true;
        }
        RoomPlacer placer = LapsedOwners.probing(new RoomPlacer(store.registry(), store.directory(),
                new NearestLeastLoadedPolicy(config.placement()), config.clock()), config.placement(), config.secrets(),
                config.clock());
        pipeline = new DispatchPipeline(placer, config.dispatchLanes());
        metrics = new PrometheusMetrics(List.of(Tag.of("node", config.id())));
        meters = new DispatcherMeters(metrics.registry(), liveNodesView);
        RefusalMeters.bind(metrics.registry(), refusals);
        dispatcher = new Dispatcher(pipeline, config.access(), new ClientLocator(config.cidrTable()), meters);
        probe = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "dispatcher-health");
            thread.setDaemon(true);
            return thread;
        });
        probeCluster();
        probe.scheduleWithFixedDelay(this::probeCluster, 1, 1, TimeUnit.SECONDS);

        Map<String, JsonEndpoint> endpoints = new LinkedHashMap<>();
        endpoints.put("/health", (query, context) -> CompletableFuture.completedFuture(JsonResponse.ok(health())));
        endpoints.put("/api/dispatch", new DispatchApiEndpoint(dispatcher));
        SslContext ssl = config.tls().newServerContext(List.of(config.listenIp()));
        StaticFiles web = config.webRoot() == null ? StaticFiles.fromClassPath("web") : StaticFiles.fromDirectory(config.webRoot());
        server = new SignalingServer(config.listenIp(), config.port(), ssl,
                new SignalingChannelInitializer.Handlers(endpoints, web, new RedirectingAcceptor(dispatcher, meters), config.access(),
                        routes(), refusals),
                config.webSocketLimits());
        LOG.info("dispatcher serving on {} ({} live nodes)", url(), clusterHealth.get("nodes"));
    }

    private List<HttpRoute> routes() {
        List<HttpRoute> routes = new ArrayList<>();
        routes.add(metrics.route());
        routes.add(new WhipRedirectRoute("/whip", dispatcher));
        routes.add(new WhipRedirectRoute("/whep", dispatcher));
        routes.addAll(config.extraRoutes().apply(store));
        return routes;
    }

    /** Once a second: whether Redis answers and which nodes are live, for {@code /health} and the metrics. */
    private void probeCluster() {
        Map<String, Object> figures = new LinkedHashMap<>();
        try {
            liveNodes = meters.redisCommand("nodes", () -> store.registry().liveNodes());
            figures.put("redis", "reachable");
            figures.put("nodes", liveNodes.size());
        } catch (RuntimeException e) {
            figures.put("redis", "unreachable");
        }
        clusterHealth = figures;
    }

    private Map<String, Object> health() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", "up");
        status.put("role", "dispatcher");
        status.put("id", config.id());
        status.putAll(clusterHealth);
        return status;
    }

    public InetSocketAddress address() {
        return server.address();
    }

    /** {@code http(s)://host:port/}: the web client, {@code /api/dispatch}, {@code /health}. */
    public String url() {
        String ip = config.listenIp();
        String host = ip.equals("0.0.0.0") || ip.equals("::") ? "127.0.0.1" : ip.contains(":") ? "[" + ip + "]" : ip;
        return (server.secure() ? "https://" : "http://") + host + ":" + address().getPort() + "/";
    }

    /** {@code ws(s)://host:port/}: where protoo clients enter. */
    public String webSocketUrl() {
        return url().replaceFirst("^http", "ws");
    }

    @Override
    public synchronized void close() {
        if (server != null) {
            server.close();
            server = null;
        }
        if (probe != null) {
            probe.shutdownNow();
            probe = null;
        }
        if (pipeline != null) {
            pipeline.close();
            pipeline = null;
        }
        if (metrics != null) {
            metrics.close();
            metrics = null;
        }
        if (config.extraRoutes() instanceof AutoCloseable routes) {
            try {
                routes.close();
            } catch (Exception e) {
                LOG.debug("closing the extra routes: {}", e.toString());
            }
        }
        if (store != null && ownsStore) {
            try {
                store.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the cluster store: {}", e.toString());
            }
        }
        store = null;
    }
}
