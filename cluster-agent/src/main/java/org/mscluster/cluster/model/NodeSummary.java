package org.mscluster.cluster.model;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * A node's report without its rooms: who it is, its load, and what its rooms add up to per
 * namespace. What the cluster's summary, the dashboard's history and a large cluster's dashboard feed
 * read; its size grows with the namespaces a node serves, not with its rooms.
 */
public record NodeSummary(NodeIdentity identity, NodeLoad load, Map<String, RoomTotals> namespaces) {

    public NodeSummary {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(load, "load");
        namespaces = Collections.unmodifiableMap(new TreeMap<>(namespaces));
    }

    /** The report's summary: its rooms added up per namespace. */
    public static NodeSummary of(NodeReport report) {
        return new NodeSummary(report.identity(), report.load(), RoomTotals.byNamespace(report.rooms()));
    }

    public String nodeId() {
        return identity.id();
    }

    public Instant at() {
        return load.reportedAt();
    }

    /** The same node with only the totals of the namespaces {@code keep} accepts. */
    public NodeSummary within(Predicate<String> keep) {
        Map<String, RoomTotals> kept = new TreeMap<>();
        namespaces.forEach((namespace, totals) -> {
            if (keep.test(namespace)) {
                kept.put(namespace, totals);
            }
        });
        return kept.size() == namespaces.size() ? this : new NodeSummary(identity, load, kept);
    }
}
