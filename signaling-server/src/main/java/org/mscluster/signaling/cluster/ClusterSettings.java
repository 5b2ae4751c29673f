package org.mscluster.signaling.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.load.HostLoadSource;
import org.mscluster.cluster.locate.CidrTable;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.RegionPath;
import org.mscluster.cluster.placement.PlacementSettings;

/**
 * What a node needs beyond its {@link org.mscluster.signaling.NodeConfig} to be a member of a
 * cluster: where the registry is, how the node describes itself, how rooms are placed, and how it
 * reports and drains. Build with {@link #builder()}; every field has the default of {@code mscluster
 * node start}.
 *
 * @param redisUrl the cluster's Redis ({@code redis://}, {@code rediss://}, {@code redis-sentinel://}); null with
 *     {@code store}, and null without a store for a node on its own (the in-memory store)
 * @param store an existing store (tests, in-memory clusters); used instead of {@code redisUrl}, and not closed by the node
 * @param keyPrefix prefix of every Redis key
 * @param name the node's label for dashboards; its id when null
 * @param region where the node is, most general first
 * @param isp the carrier the node is attached to; empty when unknown
 * @param namespaces the namespaces whose rooms the node hosts, or {@code *}
 * @param priority higher wins between otherwise equally good nodes
 * @param signalingUrl the WebSocket URL clients are redirected to; null derives {@code ws(s)://announced-ip:port/}
 * @param placement thresholds and weights of the placement policy (same on every node and dispatcher)
 * @param cidrTable locates clients that name no region or ISP, by address
 * @param hostLoad replaces the measured host figures (CPU, memory, network, disk) in the load reports; null: measured
 * @param reportInterval time between load reports (the registry drops a node after three missed ones)
 * @param reconcileInterval how often the node compares its rooms with the directory's entries for it
 * @param unusedClaimGrace how long a directory entry for a room this node never opened stays before it is released
 * @param dispatchLanes concurrent Redis round trips for placement decisions
 * @param egressOnly {@code --egress-only}: the node runs egresses of rooms other nodes host (fed through pipe
 *     transports) and takes no peers; placement never sends a room there
 */
public record ClusterSettings(
        String redisUrl,
        ClusterStore store,
        String keyPrefix,
        String name,
        RegionPath region,
        String isp,
        Set<String> namespaces,
        int priority,
        String signalingUrl,
        PlacementSettings placement,
        CidrTable cidrTable,
        HostLoadSource hostLoad,
        Duration reportInterval,
        Duration reconcileInterval,
        Duration unusedClaimGrace,
        int dispatchLanes,
        Clock clock,
        boolean egressOnly) {

    public ClusterSettings {
        redisUrl = redisUrl == null || redisUrl.isBlank() ? null : redisUrl;
        keyPrefix = keyPrefix == null ? ClusterStore.DEFAULT_KEY_PREFIX : keyPrefix;
        region = region == null ? RegionPath.UNKNOWN : region;
        isp = isp == null ? "" : isp;
        namespaces = namespaces == null || namespaces.isEmpty() ? Set.of(NodeIdentity.ALL_NAMESPACES) : Set.copyOf(namespaces);
        placement = placement == null ? PlacementSettings.defaults() : placement;
        cidrTable = cidrTable == null ? CidrTable.EMPTY : cidrTable;
        reportInterval = reportInterval == null ? Duration.ofSeconds(1) : reportInterval;
        reconcileInterval = reconcileInterval == null ? Duration.ofSeconds(2) : reconcileInterval;
        unusedClaimGrace = unusedClaimGrace == null ? Duration.ofSeconds(30) : unusedClaimGrace;
        if (dispatchLanes < 1) {
            throw new IllegalArgumentException("dispatchLanes must be >= 1");
        }
        clock = clock == null ? Clock.systemUTC() : clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * A node on its own: the in-memory store, and placement without load limits, since a node alone has
     * nowhere else to send a room and refusing it helps nobody.
     */
    public static ClusterSettings standalone() {
        return builder().placement(unlimited(PlacementSettings.defaults())).build();
    }

    /** {@code placement} with every load limit lifted (weights and capacities kept): a node alone. */
    public static PlacementSettings unlimited(PlacementSettings placement) {
        return placement.toBuilder().cpuLimit(1).memoryLimit(1).diskLimit(1).workerCpuLimit(1)
                .networkLimit(Double.MAX_VALUE).consumerLimit(Double.MAX_VALUE).roomLimit(Double.MAX_VALUE).build();
    }

    /** Whether the node runs alone (in-memory store, no Redis). */
    public boolean isStandalone() {
        return redisUrl == null && store == null;
    }

    /** Builds settings; unset fields keep their defaults. */
    public static final class Builder {
        private String redisUrl;
        private ClusterStore store;
        private String keyPrefix;
        private String name;
        private RegionPath region = RegionPath.UNKNOWN;
        private String isp = "";
        private Set<String> namespaces = Set.of(NodeIdentity.ALL_NAMESPACES);
        private int priority;
        private String signalingUrl;
        private PlacementSettings placement = PlacementSettings.defaults();
        private CidrTable cidrTable = CidrTable.EMPTY;
        private HostLoadSource hostLoad;
        private Duration reportInterval;
        private Duration reconcileInterval;
        private Duration unusedClaimGrace;
        private int dispatchLanes = 4;
        private Clock clock;
        private boolean egressOnly;

        public Builder redisUrl(String v) { redisUrl = v; return this; }
        public Builder store(ClusterStore v) { store = Objects.requireNonNull(v); return this; }
        public Builder keyPrefix(String v) { keyPrefix = v; return this; }
        public Builder name(String v) { name = v; return this; }
        public Builder region(String v) { region = RegionPath.parse(v); return this; }
        public Builder isp(String v) { isp = v; return this; }
        public Builder namespaces(Set<String> v) { namespaces = v; return this; }
        public Builder namespaces(String... v) { namespaces = Set.of(v); return this; }
        public Builder priority(int v) { priority = v; return this; }
        public Builder signalingUrl(String v) { signalingUrl = v; return this; }
        public Builder placement(PlacementSettings v) { placement = v; return this; }
        public Builder cidrTable(CidrTable v) { cidrTable = v; return this; }
        public Builder hostLoad(HostLoadSource v) { hostLoad = v; return this; }
        public Builder reportInterval(Duration v) { reportInterval = v; return this; }
        public Builder reconcileInterval(Duration v) { reconcileInterval = v; return this; }
        public Builder unusedClaimGrace(Duration v) { unusedClaimGrace = v; return this; }
        public Builder dispatchLanes(int v) { dispatchLanes = v; return this; }
        public Builder clock(Clock v) { clock = v; return this; }
        public Builder egressOnly(boolean v) { egressOnly = v; return this; }

        public ClusterSettings build() {
            return new ClusterSettings(redisUrl, store, keyPrefix, name, region, isp, namespaces, priority, signalingUrl,
                    placement, cidrTable, hostLoad, reportInterval, reconcileInterval, unusedClaimGrace, dispatchLanes,
                    clock, egressOnly);
        }
    }
}
