package org.mscluster.signaling.admin;

import java.util.List;
import java.util.concurrent.CompletionStage;
import org.mscluster.cluster.model.NodeReport;

/**
 * Where the admin API and the dashboard read the cluster from: a standalone node's own latest report,
 * or a dispatcher's reports of every live node. Asynchronous, as a cluster's comes from a shared store.
 */
@FunctionalInterface
public interface ClusterSource {

    /** The latest report of every live node, ordered by node id. */
    CompletionStage<List<NodeReport>> reports();
}
