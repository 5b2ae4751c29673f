package org.mscluster.signaling.operations;

import io.micrometer.core.instrument.Tag;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.mscluster.cluster.load.HostLoadSource;
import org.mscluster.cluster.load.HostSampler;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.signaling.admin.AdminApi;
import org.mscluster.signaling.admin.AdminAuth;
import org.mscluster.signaling.admin.LocalNodeAdmin;
import org.mscluster.signaling.dashboard.ClusterFeed;
import org.mscluster.signaling.dashboard.ClusterStreamRoute;
import org.mscluster.signaling.dashboard.DashboardRoute;
import org.mscluster.signaling.egress.EgressApi;
import org.mscluster.signaling.egress.EgressManager;
import org.mscluster.signaling.http.HttpRoute;
import org.mscluster.signaling.media.WorkerFleet;
import org.mscluster.signaling.metrics.EgressMeters;
import org.mscluster.signaling.metrics.MediaLinkMeters;
import org.mscluster.signaling.metrics.NodeMeters;
import org.mscluster.signaling.metrics.PrometheusMetrics;
import org.mscluster.signaling.room.Cascade;
import org.mscluster.signaling.room.RoomRegistry;
import org.mscluster.signaling.webhooks.EgressWebhooks;
import org.mscluster.signaling.webhooks.NodeWebhooks;
import org.mscluster.signaling.webhooks.RoomWebhooks;
import org.mscluster.signaling.webhooks.WebhookSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything that lets people run a node, wired to it: the sampler (a {@link NodeReport} a second),
 * {@code /metrics}, the admin API, the dashboard and its live feed, and webhooks.
 *
 * <p>Lifecycle, driven by the node: construction once the rooms exist (room listeners must be in place
 * before the first room; the routes go into the pipeline), {@link #start} once the port is bound (the
 * node's URL is known: first sample, {@code node_up}), {@link #draining} when the node drains,
 * {@link #close} after its rooms closed ({@code node_down}, pending webhooks get a moment). Everything it
 * needs of the node comes in the {@link Wiring}, given once.
 */
public final class NodeOperations implements AutoCloseable {

    /**
     * What operations need of their node.
     *
     * @param identity the node's identity now (its state changes when it drains)
     * @param admin what the admin API reads and does on this node
     * @param reports hears every new report, on the sampler's thread (the node publishes it to the cluster)
     * @param hostLoad the host figures to report; null measures the machine
     * @param egress the node's egresses (API, webhooks, metrics)
     */
    public record Wiring(String nodeId, Supplier<NodeIdentity> identity, RoomRegistry rooms, WorkerFleet fleet,
            LocalNodeAdmin admin, Consumer<NodeReport> reports, HostLoadSource hostLoad, EgressManager egress) {
        public Wiring {
            Objects.requireNonNull(nodeId, "nodeId");
            Objects.requireNonNull(identity, "identity");
            Objects.requireNonNull(rooms, "rooms");
            Objects.requireNonNull(fleet, "fleet");
            Objects.requireNonNull(admin, "admin");
            Objects.requireNonNull(reports, "reports");
            Objects.requireNonNull(egress, "egress");
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(NodeOperations.class);
    /** How long a closing node waits for its last webhooks (room_finished, node_down). */
    private static final Duration SHUTDOWN_FLUSH = Duration.ofSeconds(3);

    private final Wiring node;
    private final OperationsSettings settings;
    private final Clock clock;
    private final PrometheusMetrics metrics;
    private final ClusterFeed feed;
    private final WebhookSender webhooks;
    private final NodeWebhooks nodeWebhooks;
    private final List<HttpRoute> routes = new ArrayList<>();
    private volatile NodeSampler sampler;
    private volatile boolean drainingReported;

    public NodeOperations(Wiring node, OperationsSettings settings, Clock clock) {
        this.node = Objects.requireNonNull(node, "node");
        this.settings = settings;
        this.clock = clock;
        this.metrics = new PrometheusMetrics(List.of(Tag.of("node", node.nodeId())));
        this.feed = new ClusterFeed(clock, settings.dashboardRoomLimit());
        this.webhooks = settings.webhooks().isEmpty() ? null : new WebhookSender(settings.webhooks(), settings.secrets(), clock);
        this.nodeWebhooks = webhooks == null || !settings.webhooks().nodeEvents() ? null : new NodeWebhooks(webhooks, clock);
        if (webhooks != null) {
            Cascade cascade = node.rooms().cascade();
            node.rooms().addListener(new RoomWebhooks(webhooks, node::nodeId, clock, cascade == null ? null : cascade::legs));
            node.egress().addListener(new EgressWebhooks(webhooks, node.nodeId(), clock));
        }
        EgressMeters.bind(metrics.registry(), node.egress());
        AdminAuth auth = new AdminAuth(settings.secrets(), settings.operatorNamespace(), clock);
        routes.add(metrics.route());
        routes.addAll(new AdminApi(auth, node.admin(), node.admin(), clock, new EgressApi(node.egress())).routes());
        routes.add(new ClusterStreamRoute(auth, feed));
        if (settings.dashboardPath() != null) {
            routes.add(DashboardRoute.fromClassPath(settings.dashboardPath()));
        }
        if (auth.openOnLoopback()) {
            LOG.info("admin API and dashboard open to loopback clients only (no --namespace-secret configured)");
        }
    }

    public List<HttpRoute> routes() {
        return List.copyOf(routes);
    }

    /** The node is serving: first sample, then one per interval; metrics bound; {@code node_up}. */
    public synchronized void start() {
        if (sampler != null) {
            throw new IllegalStateException("already started");
        }
        HostLoadSource host = node.hostLoad() != null ? node.hostLoad() : new HostSampler(settings.diskPath());
        NodeSampler started = new NodeSampler(node.identity(), node.fleet(), node.rooms(), host, clock, node.egress()::snapshots);
        NodeMeters meters = new NodeMeters(metrics.registry(), started::latest, node.rooms(), node.fleet().size(),
                node.fleet().ownProcesses(), settings.perRoomMetrics());
        node.rooms().addListener(meters);
        MediaLinkMeters.bind(metrics.registry(), node.fleet());
        started.addListener(meters);
        started.addListener(report -> feed.publish(List.of(report)));
        started.addListener(node.reports());
        sampler = started.start(settings.sampleInterval());
        if (nodeWebhooks != null) {
            nodeWebhooks.up(node.identity().get());
        }
    }

    /** The node's latest report (an idle one before {@link #start}). */
    public NodeReport latest() {
        NodeSampler current = sampler;
        return current != null ? current.latest() : NodeReport.idle(node.identity().get(), node.fleet().size(), clock.instant());
    }

    /**
     * A worker died or was replaced: a report now, not at the next tick, so placement stops choosing a
     * dead worker (a remote one can stay dead for as long as its media host is away) before its
     * rooms' peers come back.
     */
    public void workersChanged() {
        NodeSampler current = sampler;
        if (current != null) {
            try {
                current.sample();
            } catch (RuntimeException e) {
                LOG.warn("sampling the node after a worker change failed", e);
            }
        }
    }

    /** The node started draining: {@code node_draining}, once. */
    public void draining() {
        if (drainingReported) {
            return;
        }
        drainingReported = true;
        if (nodeWebhooks != null) {
            nodeWebhooks.draining(node.identity().get());
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

    /** After the node's rooms closed: {@code node_down}, a moment for the last webhooks, then everything stops. */
    @Override
    public synchronized void close() {
        if (sampler != null) {
            sampler.close();
        }
        feed.close();
        if (webhooks != null) {
            if (nodeWebhooks != null && sampler != null) {
                nodeWebhooks.down(node.identity().get(), "node stopped");
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
