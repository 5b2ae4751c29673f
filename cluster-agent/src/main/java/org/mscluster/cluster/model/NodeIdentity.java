package org.mscluster.cluster.model;

import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a media node says about itself when it joins the cluster: everything placement and
 * redirection need, nothing that changes every second (that is {@link NodeLoad}).
 *
 * @param id stable, unique id; part of Redis keys, so restricted to {@code [A-Za-z0-9._-]}
 * @param name human-readable label for dashboards
 * @param region where the node is
 * @param isp the carrier the node is attached to, lower case; empty when unknown
 * @param signalingUrl the WebSocket URL clients are redirected to, e.g. {@code ws://10.0.0.5:4443/}; for a media
 *     host ({@code mscluster media start}), its link address as {@code media://host:port/} or {@code media+tls://…}
 * @param announcedIps the addresses clients reach the node's media ports on
 * @param namespaces namespaces whose rooms the node hosts; {@code *} for all
 * @param priority higher wins between otherwise equally close nodes
 * @param state whether the node takes new rooms
 * @param egressOnly started with {@code --egress-only}: it runs egresses (recordings, RTMP) of rooms other nodes
 *     host, fed through pipe transports, and takes no peers: placement never sends a room or a leg there
 */
public record NodeIdentity(
        String id,
        String name,
        RegionPath region,
        String isp,
        String signalingUrl,
        List<String> announcedIps,
        Set<String> namespaces,
        int priority,
        NodeState state,
        boolean egressOnly) {

    /** A node that takes peers (not egress-only). */
    public NodeIdentity(String id, String name, RegionPath region, String isp, String signalingUrl, List<String> announcedIps,
            Set<String> namespaces, int priority, NodeState state) {
        this(id, name, region, isp, signalingUrl, announcedIps, namespaces, priority, state, false);
    }

    /** URL scheme of a media host's link address: such a member runs workers for nodes and takes no clients. */
    public static final String MEDIA_SCHEME = "media";
    public static final String MEDIA_TLS_SCHEME = "media+tls";

    /** The namespace list entry that means "every namespace". */
    public static final String ALL_NAMESPACES = "*";

    public NodeIdentity {
        Names.requireSimple(id, "node id");
        name = name == null || name.isBlank() ? id : name;
        Objects.requireNonNull(region, "region");
        isp = normaliseIsp(isp);
        Objects.requireNonNull(signalingUrl, "signalingUrl");
        URI uri = URI.create(signalingUrl);
        if (uri.getScheme() == null || uri.getHost() == null) {
            throw new IllegalArgumentException("signaling URL needs a scheme and host: " + signalingUrl);
        }
        announcedIps = List.copyOf(announcedIps);
        if (namespaces == null || namespaces.isEmpty()) {
            throw new IllegalArgumentException("a node serves at least one namespace, or '*'");
        }
        for (String ns : namespaces) {
            if (!ALL_NAMESPACES.equals(ns)) {
                Names.requireSimple(ns, "namespace");
            }
        }
        // A sorted copy keeps the JSON in Redis and the dashboard stable between reports.
        namespaces = Collections.unmodifiableSortedSet(new TreeSet<>(namespaces));
        Objects.requireNonNull(state, "state");
    }

    /** Lower-cased, trimmed; {@code null} becomes empty so comparisons need no null checks. */
    public static String normaliseIsp(String isp) {
        return isp == null ? "" : isp.trim().toLowerCase(Locale.ROOT);
    }

    /** Whether this member is a media host (its workers serve nodes) rather than a node clients join. */
    public boolean isMediaHost() {
        return signalingUrl.startsWith(MEDIA_SCHEME + "://") || signalingUrl.startsWith(MEDIA_TLS_SCHEME + "://");
    }

    /** A media host's link address as nodes give it ({@code host:port}, {@code tls://host:port}); null for a node. */
    public String mediaHostAddress() {
        if (!isMediaHost()) {
            return null;
        }
        URI uri = URI.create(signalingUrl);
        String host = uri.getHost().contains(":") && !uri.getHost().startsWith("[") ? "[" + uri.getHost() + "]" : uri.getHost();
        return (signalingUrl.startsWith(MEDIA_TLS_SCHEME) ? "tls://" : "") + host + ":" + uri.getPort();
    }

    public boolean serves(String namespace) {
        return namespaces.contains(ALL_NAMESPACES) || namespaces.contains(namespace);
    }

    /** True when the node was set aside for particular namespaces rather than all of them. */
    public boolean isDedicated() {
        return !namespaces.contains(ALL_NAMESPACES);
    }

    public NodeIdentity withState(NodeState newState) {
        return new NodeIdentity(id, name, region, isp, signalingUrl, announcedIps, namespaces, priority, newState, egressOnly);
    }

    public static Builder builder(String id) {
        return new Builder(id);
    }

    /** For callers that set a few of the ten fields; the rest take the documented defaults. */
    public static final class Builder {
        private final String id;
        private String name;
        private RegionPath region = RegionPath.UNKNOWN;
        private String isp = "";
        private String signalingUrl = "ws://127.0.0.1:4443/";
        private List<String> announcedIps = List.of();
        private Set<String> namespaces = Set.of(ALL_NAMESPACES);
        private int priority;
        private NodeState state = NodeState.UP;
        private boolean egressOnly;

        private Builder(String id) {
            this.id = id;
        }

        public Builder name(String value) { this.name = value; return this; }
        public Builder region(RegionPath value) { this.region = value; return this; }
        public Builder region(String value) { this.region = RegionPath.parse(value); return this; }
        public Builder isp(String value) { this.isp = value; return this; }
        public Builder signalingUrl(String value) { this.signalingUrl = value; return this; }
        public Builder announcedIps(List<String> value) { this.announcedIps = value; return this; }
        public Builder namespaces(Set<String> value) { this.namespaces = value; return this; }
        public Builder namespaces(String... value) { this.namespaces = Set.of(value); return this; }
        public Builder priority(int value) { this.priority = value; return this; }
        public Builder state(NodeState value) { this.state = value; return this; }
        public Builder egressOnly(boolean value) { this.egressOnly = value; return this; }

        public NodeIdentity build() {
            return new NodeIdentity(id, name, region, isp, signalingUrl, announcedIps, namespaces, priority, state, egressOnly);
        }
    }
}
