package org.mscluster.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.RegionPath;
import org.mscluster.cluster.redis.RedisUrl;
import org.mscluster.mediasoup.worker.MediaHostEndpoint;

/**
 * The node's {@code --media-hosts}: a list of {@code host:port} / {@code tls://host:port}, or
 * {@code auto} for the media hosts registered in the cluster nearest the node's region (those sharing
 * the longest region prefix with it), looked up once at start.
 */
final class MediaHostsOption {

    static final String AUTO = "auto";

    private MediaHostsOption() {
    }

    /** The endpoints {@code value} names (for {@code auto}: the registry's nearest media hosts). */
    static List<MediaHostEndpoint> resolve(String value, byte[] secret, Path trusted, String nodeId, String redis,
            String keyPrefix, String region) {
        List<String> addresses = value.trim().equals(AUTO) ? discover(redis, keyPrefix, region) : ConfigDefaults.splitList(value);
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("--media-hosts names no media host");
        }
        List<MediaHostEndpoint> endpoints = new ArrayList<>();
        for (String address : addresses) {
            endpoints.add(MediaHostEndpoint.parse(address, trusted, secret, nodeId));
        }
        return endpoints;
    }

    private static List<String> discover(String redis, String keyPrefix, String region) {
        if (redis == null || redis.isBlank()) {
            throw new IllegalArgumentException("--media-hosts auto looks media hosts up in the cluster: it needs --redis");
        }
        RegionPath own = RegionPath.parse(region);
        try (ClusterStore store = ClusterStore.redis(RedisUrl.parse(redis), keyPrefix, 1, Clock.systemUTC())) {
            List<NodeSnapshot> hosts = store.registry().liveNodes().stream().filter(n -> n.identity().isMediaHost()).toList();
            int best = hosts.stream().mapToInt(n -> own.commonPrefixDepth(n.identity().region())).max().orElse(-1);
            List<String> nearest = hosts.stream().filter(n -> own.commonPrefixDepth(n.identity().region()) == best)
                    .sorted(Comparator.comparing(NodeSnapshot::id)).map(n -> n.identity().mediaHostAddress()).toList();
            if (nearest.isEmpty()) {
                throw new IllegalArgumentException("--media-hosts auto: no media host is registered in the cluster at " + redis);
            }
            return nearest;
        }
    }
}
