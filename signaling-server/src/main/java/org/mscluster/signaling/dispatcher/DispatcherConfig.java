package org.mscluster.signaling.dispatcher;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.locate.CidrTable;
import org.mscluster.cluster.placement.PlacementSettings;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.signaling.access.AccessGuard;
import org.mscluster.signaling.http.HttpRoute;
import org.mscluster.signaling.net.TlsSettings;
import org.mscluster.signaling.net.WebSocketLimits;

/**
 * Everything a dispatcher needs; build with {@link #builder()}, which holds the defaults of {@code
 * mscluster dispatcher start}.
 *
 * @param id this dispatcher's name in metrics ({@code node="…"} on every series, as nodes have theirs)
 * @param redisUrl the cluster's Redis; or null with {@code store}
 * @param store an existing store (tests); used instead of {@code redisUrl} and not closed by the dispatcher
 * @param access who may be dispatched (cluster mode: a {@link org.mscluster.signaling.access.TokenAccessGuard})
 * @param secrets the namespaces' secrets, to sign what the dispatcher asks of nodes (a lapsed owner's
 *     rooms); none without tokens
 * @param placement thresholds and weights of the placement policy: the same as the nodes'
 * @param cidrTable locates clients that name no region or ISP, by address
 * @param dispatchLanes concurrent Redis round trips for placement decisions
 * @param webRoot directory of the web client served at {@code /}; null serves the bundle in the jar
 * @param extraRoutes more HTTP routes built on the dispatcher's store once it is open (admin API, dashboard)
 */
public record DispatcherConfig(
        String id,
        String listenIp,
        int port,
        TlsSettings tls,
        String redisUrl,
        ClusterStore store,
        String keyPrefix,
        AccessGuard access,
        NamespaceSecrets secrets,
        PlacementSettings placement,
        CidrTable cidrTable,
        int dispatchLanes,
        WebSocketLimits webSocketLimits,
        Path webRoot,
        Function<ClusterStore, List<HttpRoute>> extraRoutes,
        Clock clock) {

    public static final int DEFAULT_PORT = 4443;

    public DispatcherConfig {
        id = id == null || id.isBlank() ? "dispatcher-1" : org.mscluster.cluster.model.Names.requireSimple(id, "dispatcher id");
        Objects.requireNonNull(listenIp, "listenIp");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if ((redisUrl == null || redisUrl.isBlank()) && store == null) {
            throw new IllegalArgumentException("a dispatcher needs the cluster's Redis URL (or a store)");
        }
        tls = tls == null ? TlsSettings.disabled() : tls;
        keyPrefix = keyPrefix == null ? ClusterStore.DEFAULT_KEY_PREFIX : keyPrefix;
        access = access == null ? AccessGuard.OPEN : access;
        secrets = secrets == null ? NamespaceSecrets.none() : secrets;
        placement = placement == null ? PlacementSettings.defaults() : placement;
        cidrTable = cidrTable == null ? CidrTable.EMPTY : cidrTable;
        if (dispatchLanes < 1) {
            throw new IllegalArgumentException("dispatchLanes must be >= 1");
        }
        webSocketLimits = webSocketLimits == null ? WebSocketLimits.defaults() : webSocketLimits;
        extraRoutes = extraRoutes == null ? ignored -> List.of() : extraRoutes;
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a config; unset fields keep their defaults. */
    public static final class Builder {
        private String id = "dispatcher-1";
        private String listenIp = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private TlsSettings tls = TlsSettings.disabled();
        private String redisUrl;
        private ClusterStore store;
        private String keyPrefix;
        private AccessGuard access = AccessGuard.OPEN;
        private NamespaceSecrets secrets = NamespaceSecrets.none();
        private PlacementSettings placement = PlacementSettings.defaults();
        private CidrTable cidrTable = CidrTable.EMPTY;
        private int dispatchLanes = 4;
        private WebSocketLimits webSocketLimits;
        private Path webRoot;
        private Function<ClusterStore, List<HttpRoute>> extraRoutes;
        private Clock clock;

        public Builder id(String v) { id = v; return this; }
        public Builder listenIp(String v) { listenIp = v; return this; }
        /** 0 binds any free port (tests). */
        public Builder port(int v) { port = v; return this; }
        public Builder tls(TlsSettings v) { tls = v; return this; }
        public Builder redisUrl(String v) { redisUrl = v; return this; }
        public Builder store(ClusterStore v) { store = v; return this; }
        public Builder keyPrefix(String v) { keyPrefix = v; return this; }
        public Builder access(AccessGuard v) { access = v; return this; }
        public Builder secrets(NamespaceSecrets v) { secrets = v; return this; }
        public Builder placement(PlacementSettings v) { placement = v; return this; }
        public Builder cidrTable(CidrTable v) { cidrTable = v; return this; }
        public Builder dispatchLanes(int v) { dispatchLanes = v; return this; }
        public Builder webSocketLimits(WebSocketLimits v) { webSocketLimits = v; return this; }
        public Builder webRoot(Path v) { webRoot = v; return this; }
        public Builder extraRoutes(Function<ClusterStore, List<HttpRoute>> v) { extraRoutes = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }

        public DispatcherConfig build() {
            return new DispatcherConfig(id, listenIp, port, tls, redisUrl, store, keyPrefix, access, secrets, placement,
                    cidrTable, dispatchLanes, webSocketLimits, webRoot, extraRoutes, clock);
        }
    }
}
