package org.mscluster.signaling.admin;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeSummary;
import org.mscluster.cluster.model.RoomKey;

/**
 * Where the admin API and the dashboard read the cluster from: a standalone node's own latest report,
 * or a dispatcher's reports of every live node. Asynchronous, as a cluster's comes from a shared store.
 */
@FunctionalInterface
public interface ClusterSource {

    /** The latest report of every live node, ordered by node id. */
    CompletionStage<List<NodeReport>> reports();

    /**
     * Every live node's summary (identity, load, rooms added up per namespace), ordered by node id:
     * what the summary view and the dashboard's history read, a few hundred bytes a node however many
     * rooms it has.
     */
    default CompletionStage<List<NodeSummary>> summaries() {
        return reports().thenApply(reports -> reports.stream().map(NodeReport::summary).toList());
    }

    /** The latest reports of those of {@code nodeIds} that are live, ordered by node id. */
    default CompletionStage<List<NodeReport>> reportsOfNodes(List<String> nodeIds) {
        java.util.Set<String> wanted = java.util.Set.copyOf(nodeIds);
        return reports().thenApply(reports -> reports.stream().filter(r -> wanted.contains(r.nodeId())).toList());
    }

    /**
     * Reports that list {@code room} if a live node hosts it: at least those of the nodes holding a leg of
     * it, ordered by node id. A question about one room reads these, not every node's rooms (a million
     * rooms are half a gigabyte of reports).
     */
    default CompletionStage<List<NodeReport>> reportsOf(RoomKey room) {
        return reports();
    }
}
