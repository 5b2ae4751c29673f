package org.mscluster.signaling.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeSummary;
import org.mscluster.cluster.model.RoomSnapshot;

/**
 * {@code GET /api/nodes?offset=&limit=} read page by page: the nodes' summaries say which nodes the
 * scope and filters keep and in what order, then only the page's reports are read, with those of the
 * nodes their rooms pipe to (a room across nodes is listed under its oldest leg, wherever that is). A
 * page of a hundred nodes of a cluster with a million rooms reads a hundred room lists, not a thousand.
 */
final class NodePages {

    private NodePages() {
    }

    static CompletionStage<Map<String, Object>> page(ClusterSource source, AdminScope scope, String namespace, String region,
            int offset, int limit, Instant now) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
        }
        return source.summaries().thenCompose(summaries -> {
            List<String> ids = ClusterJson.visibleSummaries(summaries, scope, namespace, region).stream()
                    .filter(s -> !s.identity().isMediaHost()).map(NodeSummary::nodeId).toList();
            int from = Math.min(offset, ids.size());
            int to = (int) Math.min(ids.size(), (long) from + limit);
            List<String> pageIds = ids.subList(from, to);
            if (pageIds.isEmpty()) {
                return CompletableFuture.completedFuture(ClusterJson.nodesPage(List.of(), List.of(), ids.size(), scope, now,
                        offset, limit));
            }
            return source.reportsOfNodes(pageIds).thenCompose(read -> {
                List<NodeReport> page = ClusterJson.visible(read, scope, namespace, region);
                Set<String> linked = new TreeSet<>();
                for (NodeReport report : page) {
                    for (RoomSnapshot room : report.rooms()) {
                        room.links().forEach(link -> linked.add(link.nodeId()));
                    }
                }
                linked.removeAll(pageIds);
                linked.retainAll(ids);
                if (linked.isEmpty()) {
                    return CompletableFuture.completedFuture(ClusterJson.nodesPage(page, List.of(), ids.size(), scope, now,
                            offset, limit));
                }
                return source.reportsOfNodes(List.copyOf(linked)).thenApply(others -> ClusterJson.nodesPage(page,
                        ClusterJson.visible(others, scope, namespace, region), ids.size(), scope, now, offset, limit));
            });
        });
    }
}
