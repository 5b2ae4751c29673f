package org.mscluster.signaling.dispatcher;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.events.NodeEvents;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.signaling.admin.AdminApi;
import org.mscluster.signaling.egress.EgressRelay;
import org.mscluster.signaling.admin.AdminAuth;
import org.mscluster.signaling.admin.ClusterAdminActions;
import org.mscluster.signaling.admin.StoreClusterSource;
import org.mscluster.signaling.dashboard.ClusterFeed;
import org.mscluster.signaling.dashboard.ClusterStreamRoute;
import org.mscluster.signaling.http.HttpRoute;
import org.mscluster.signaling.http.StaticFiles;
import org.mscluster.signaling.webhooks.NodeWebhooks;
import org.mscluster.signaling.webhooks.WebhookSender;
import org.mscluster.signaling.webhooks.WebhookSettings;

/**
 * The dispatcher's operations, for {@link DispatcherConfig.Builder#extraRoutes}: the admin API over every
 * live node's report in the cluster store ({@link StoreClusterSource}) with actions sent to the hosting node
 * ({@link ClusterAdminActions}), the dashboard's live feed ({@code /api/cluster/stream}, read once a second),
 * and {@code /} with the dashboard; the web client moves to {@code /client/} ({@code /?roomId=…} redirects
 * there). Admin tokens are checked as on nodes ({@link AdminAuth}). The dispatcher closes it.
 *
 * <pre>{@code
 * DispatcherConfig.builder().redisUrl(url).extraRoutes(new DispatcherOperations(secrets, "cluster", null, clock))
 * }</pre>
 */
public final class DispatcherOperations implements Function<ClusterStore, List<HttpRoute>>, AutoCloseable {

    private static final Duration FEED_INTERVAL = Duration.ofSeconds(1);

    private final NamespaceSecrets secrets;
    private final String operatorNamespace;
    private final Path webRoot;
    private final Clock clock;
    private ExecutorService executor;
    private ExecutorService actionsExecutor;
    private ClusterFeed feed;
    private StoreClusterSource source;
    private WebhookSettings webhookSettings = WebhookSettings.NONE;
    private String owner = "dispatcher-" + java.util.UUID.randomUUID();
    private WebhookSender webhooks;
    private NodeEvents nodeEvents;
    private int dashboardRoomLimit = ClusterFeed.DEFAULT_ROOM_LIMIT;

    /**
     * @param operatorNamespace admins of this namespace see and act on everything (null: {@code cluster})
     * @param webRoot the web client's directory; null serves the bundle in the jar
     */
    public DispatcherOperations(NamespaceSecrets secrets, String operatorNamespace, Path webRoot, Clock clock) {
        this.secrets = secrets;
        this.operatorNamespace = operatorNamespace == null ? AdminAuth.DEFAULT_OPERATOR_NAMESPACE : operatorNamespace;
        this.webRoot = webRoot;
        this.clock = clock == null ? Clock.systemUTC() : clock;
    }

    /**
     * Sends node webhooks ({@code node_up}, {@code node_draining}, {@code node_down}) to these URLs, signed with the
     * namespaces' secrets; of all the dispatchers, the one holding the lease in the cluster store sends them.
     *
     * @param dispatcherId this dispatcher's name in the lease
     */
    public synchronized DispatcherOperations nodeWebhooks(WebhookSettings settings, String dispatcherId) {
        webhookSettings = settings == null ? WebhookSettings.NONE : settings;
        if (dispatcherId != null && !dispatcherId.isBlank()) {
            owner = dispatcherId + "-" + java.util.UUID.randomUUID().toString().substring(0, 8);
        }
        return this;
    }

    /**
     * Past this many rooms (in an admin's scope) the dashboard's feed sends summaries instead of every room
     * and peer; {@link ClusterFeed#DEFAULT_ROOM_LIMIT} unless set.
     *
     * @throws IllegalArgumentException when negative
     */
    public synchronized DispatcherOperations dashboardRoomLimit(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("dashboard room limit must be at least 0, not " + limit);
        }
        dashboardRoomLimit = limit;
        return this;
    }

    /** Whether this dispatcher sends the node webhooks now (tests). */
    public synchronized boolean sendsNodeEvents() {
        return nodeEvents != null && nodeEvents.leader();
    }

    @Override
    public synchronized List<HttpRoute> apply(ClusterStore store) {
        if (executor != null) {
            throw new IllegalStateException("already mounted");
        }
        AtomicInteger threads = new AtomicInteger();
        executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "dispatcher-admin-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        // Actions wait up to 2 s for a node's answer: on threads of their own, so the feed and reads never queue behind them.
        actionsExecutor = Executors.newFixedThreadPool(8, runnable -> {
            Thread thread = new Thread(runnable, "dispatcher-admin-action-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        source = new StoreClusterSource(store.registry(), store.directory(), executor);
        ClusterAdminActions actions = new ClusterAdminActions(store, source, actionsExecutor);
        AdminAuth auth = new AdminAuth(secrets, operatorNamespace, clock);
        feed = new ClusterFeed(clock, dashboardRoomLimit).pollEvery(source, FEED_INTERVAL);
        if (!webhookSettings.isEmpty()) {
            webhooks = new WebhookSender(webhookSettings, secrets, clock);
            nodeEvents = new NodeEvents(owner, store.nodeEvents(), store.registry(), new NodeWebhooks(webhooks, clock),
                    FEED_INTERVAL, store.registry().expiry());
        }
        List<HttpRoute> routes = new ArrayList<>(new AdminApi(auth, source, actions, clock, new EgressRelay(source)).routes());
        routes.add(new ClusterStreamRoute(auth, feed));
        routes.add(new DispatcherRootRoute(StaticFiles.fromClassPath("dashboard"),
                webRoot == null ? StaticFiles.fromClassPath("web") : StaticFiles.fromDirectory(webRoot)));
        return routes;
    }

    /** Where the admin API reads the cluster (tests). */
    public synchronized StoreClusterSource source() {
        return source;
    }

    @Override
    public synchronized void close() {
        if (nodeEvents != null) {
            nodeEvents.close();
            nodeEvents = null;
        }
        if (webhooks != null) {
            try {
                webhooks.flush(Duration.ofSeconds(3));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            webhooks.close();
            webhooks = null;
        }
        if (feed != null) {
            feed.close();
            feed = null;
        }
        if (executor != null) {
            executor.shutdownNow();
        }
        if (actionsExecutor != null) {
            actionsExecutor.shutdownNow();
        }
    }
}
