package org.mscluster.signaling.admin;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import org.mscluster.cluster.directory.RoomDirectory;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeSummary;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomLeg;
import org.mscluster.cluster.registry.NodeRegistry;

/**
 * The cluster as a dispatcher sees it: the latest report every live node published to the cluster's
 * registry (refreshed each second, gone with the node's lease), a few nodes per round trip; for one
 * room, only the reports of the nodes the directory says hold it.
 */
public final class StoreClusterSource implements ClusterSource {

    private final NodeRegistry registry;
    private final RoomDirectory directory;
    private final Executor executor;

    /** @param executor where the blocking round trips run (never an event loop) */
    public StoreClusterSource(NodeRegistry registry, RoomDirectory directory, Executor executor) {
        this.registry = registry;
        this.directory = directory;
        this.executor = executor;
    }

    @Override
    public CompletionStage<List<NodeReport>> reports() {
        return CompletableFuture.supplyAsync(registry::reports, executor);
    }

    /** The nodes' summaries: their totals, not their room lists. */
    @Override
    public CompletionStage<List<NodeSummary>> summaries() {
        return CompletableFuture.supplyAsync(registry::summaries, executor);
    }

    /** Those nodes' reports only: a page of nodes, one node. */
    @Override
    public CompletionStage<List<NodeReport>> reportsOfNodes(List<String> nodeIds) {
        return CompletableFuture.supplyAsync(() -> registry.reports(nodeIds), executor);
    }

    /**
     * The reports of the room's legs' nodes (its entry's node without cascade): two round trips
     * however large the cluster. A room a live node hosts but the directory does not list (for the
     * second after a Redis restart, before the nodes re-assert their rooms) is not found.
     */
    @Override
    public CompletionStage<List<NodeReport>> reportsOf(RoomKey room) {
        return CompletableFuture.supplyAsync(() -> registry.reports(directory.legs(room).stream().map(RoomLeg::nodeId)
                .toList()), executor);
    }
}
