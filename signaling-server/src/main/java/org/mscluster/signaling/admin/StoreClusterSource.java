package org.mscluster.signaling.admin;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.registry.NodeRegistry;

/**
 * The cluster as a dispatcher sees it: the latest report every live node published to the cluster's
 * registry (refreshed each second, gone with the node's lease), read in one round trip.
 */
public final class StoreClusterSource implements ClusterSource {

    private final NodeRegistry registry;
    private final Executor executor;

    /** @param executor where the blocking round trip runs (never an event loop) */
    public StoreClusterSource(NodeRegistry registry, Executor executor) {
        this.registry = registry;
        this.executor = executor;
    }

    @Override
    public CompletionStage<List<NodeReport>> reports() {
        return CompletableFuture.supplyAsync(registry::reports, executor);
    }
}
