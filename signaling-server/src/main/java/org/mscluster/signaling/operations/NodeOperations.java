package org.mscluster.signaling.operations;

import io.micrometer.core.instrument.Tag;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import org.mscluster.channel.WorkerMode;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.admin.AdminApi;
import org.mscluster.signaling.admin.AdminAuth;
import org.mscluster.signaling.admin.LocalNodeAdmin;
import org.mscluster.signaling.dashboard.ClusterFeed;
import org.mscluster.signaling.dashboard.ClusterStreamRoute;
import org.mscluster.signaling.dashboard.DashboardRoute;
import org.mscluster.signaling.http.HttpRoute;
import org.mscluster.signaling.metrics.NodeMeters;
import org.mscluster.signaling.metrics.PrometheusMetrics;
import org.mscluster.signaling.webhooks.NodeWebhooks;
import org.mscluster.signaling.webhooks.RoomWebhooks;
import org.mscluster.signaling.webhooks.WebhookSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that lets people run a node, wired to it: the sampler (a {@link NodeReport} a second),
 * {@code /metrics}, the admin API, the dashboard and its live feed, and webhooks.
 *
 * <p>Lifecycle, driven by {@link NodeServer}: {@link #create} once the rooms exist (room listeners must
 * be in place before the first room; the routes go into the pipeline), {@link #start} once the port is
 * bound (the node's URL is known: first sample, {@code node_up}), {@link #draining} when the node
 * drains, {@link #close} after its rooms closed ({@code node_down}, pending webhooks get a moment).
 *
 * <p>A cluster node replaces the standalone defaults with {@link #useIdentity} (the identity it
 * registered) and {@link #useDrain} (draining also tells the registry).
 */
public final class NodeOperations implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeOperations.class);
    /** How long a closing node waits for its last webhooks (room_finished, node_down). */
    private static final Duration SHUTDOWN_FLUSH = Duration.ofSeconds(3);

    private final NodeServer node;
    private final OperationsSettings settings;
    private final Clock clock;
    private final PrometheusMetrics metrics;
    private final ClusterFeed feed;
    private final WebhookSender webhooks;
    private final NodeWebhooks nodeWebhooks;
    private final List<HttpRoute> routes = new ArrayList<>();
    private final List<java.util.function.Consumer<NodeReport>> reportListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Supplier<NodeIdentity> identity;
    private volatile Runnable drain;
    private volatile NodeSampler sampler;
    private volatile boolean drainingReported;

    private NodeOperations(NodeServer node, OperationsSettings settings, Clock clock) {
        this.node = node;
        this.settings = settings;
        this.clock = clock;
        this.identity = this::standaloneIdentity;
        this.drain = node::drain;
        this.metrics = new PrometheusMetrics(List.of(Tag.of("node", node.config().nodeId())));
        this.feed = new ClusterFeed(clock);
        this.webhooks = settings.webhooks().isEmpty() ? null : new WebhookSender(settings.webhooks(), settings.secrets(), clock);
        this.nodeWebhooks = webhooks == null || !settings.webhooks().nodeEvents() ? null : new NodeWebhooks(webhooks, clock);
        if (webhooks != null) {
            node.rooms().addListener(new RoomWebhooks(webhooks, () -> node.config().nodeId(), clock));
        }
        AdminAuth auth = new AdminAuth(settings.secrets(), settings.operatorNamespace(), clock);
        LocalNodeAdmin admin = new LocalNodeAdmin(node.config().nodeId(), this::latest, node.rooms(), () -> drain.run());
        routes.add(metrics.route());
        routes.addAll(new AdminApi(auth, admin, admin, clock).routes());
        routes.add(new ClusterStreamRoute(auth, feed));
        if (settings.dashboardPath() != null) {
            routes.add(DashboardRoute.fromClassPath(settings.dashboardPath()));
        }
        if (auth.openOnLoopback()) {
            LOG.info("admin API and dashboard open to loopback clients only (no --namespace-secret configured)");
        }
    }

    /** Builds the node's operations and hooks them to its rooms; serve {@link #routes()} on its port. */
    public static NodeOperations create(NodeServer node, OperationsSettings settings, Clock clock) {
        return new NodeOperations(Objects.requireNonNull(node, "node"), settings, clock);
    }

    public List<HttpRoute> routes() {
        return List.copyOf(routes);
    }

    /** The node is serving: first sample, then one per interval; metrics bound; {@code node_up}. */
    public synchronized void start() {
        if (sampler != null) {
            throw new IllegalStateException("already started");
        }
        NodeSampler started = new NodeSampler(() -> identity.get(), node.workers(), node.rooms(),
                new HostSampler(settings.diskPath()), clock);
        NodeMeters meters = new NodeMeters(metrics.registry(), started::latest, node.rooms(), node.workers().size(),
                node.config().workerMode() == WorkerMode.PROCESS, settings.perRoomMetrics());
        node.rooms().addListener(meters);
        started.addListener(meters);
        started.addListener(report -> feed.publish(List.of(report)));
        started.addListener(report -> reportListeners.forEach(listener -> listener.accept(report)));
        sampler = started.start(settings.sampleInterval());
        if (nodeWebhooks != null) {
            nodeWebhooks.up(identity.get());
        }
    }

    /** The node's latest report (an empty one before {@link #start}). */
    public NodeReport latest() {
        NodeSampler current = sampler;
        return current != null ? current.latest()
                : new NodeReport(identity.get(), HostLoad.IDLE, List.of(), List.of(), clock.instant());
    }

    /** Called with every new report, on the sampler's thread (keep it short): a cluster node publishes it. */
    public void onReport(java.util.function.Consumer<NodeReport> listener) {
        reportListeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /** Uses {@code supplier} for the node's identity (a cluster node: the identity it registered, state included). */
    public void useIdentity(Supplier<NodeIdentity> supplier) {
        identity = Objects.requireNonNull(supplier, "supplier");
    }

    /** What {@code POST /api/nodes/{id}/drain} does (default: {@link NodeServer#drain()}). */
    public void useDrain(Runnable action) {
        drain = Objects.requireNonNull(action, "action");
    }

    /** The node started draining: {@code node_draining}, once. */
    public void draining() {
        if (drainingReported) {
            return;
        }
        drainingReported = true;
        if (nodeWebhooks != null) {
            nodeWebhooks.draining(identity.get());
        }
    }

    public PrometheusMetrics metrics() {
        return metrics;
    }

    public ClusterFeed feed() {
        return feed;
    }

    /** The webhook sender, or null when no namespace has webhooks. */
    public WebhookSender webhooks() {
        return webhooks;
    }

    private NodeIdentity standaloneIdentity() {
        String announced = node.config().effectiveAnnouncedIp();
        String host = announced.contains(":") && !announced.startsWith("[") ? "[" + announced + "]" : announced;
        int port = node.port();
        return NodeIdentity.builder(node.config().nodeId())
                .signalingUrl((node.config().tls().enabled() ? "wss://" : "ws://") + host + ":" + port + "/")
                .announcedIps(List.of(announced))
                .state(node.draining() ? NodeState.DRAINING : NodeState.UP)
                .build();
    }

    /** After the node's rooms closed: {@code node_down}, a moment for the last webhooks, then everything stops. */
    @Override
    public synchronized void close() {
        if (sampler != null) {
            sampler.close();
        }
        feed.close();
        if (webhooks != null) {
            if (nodeWebhooks != null && sampler != null) {
                nodeWebhooks.down(identity.get(), "node stopped");
            }
            try {
                webhooks.flush(SHUTDOWN_FLUSH);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            webhooks.close();
        }
        metrics.close();
    }
}
