package org.mscluster.signaling.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.HostLoad;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomSnapshot;
import org.mscluster.cluster.model.WorkerLoad;

class NodePagesTest {

    private static final Instant NOW = Instant.parse("2026-12-05T03:00:00Z");

    /** A source over fixed reports that records which nodes' reports were read. */
    private static final class Recording implements ClusterSource {
        final List<NodeReport> all;
        final List<String> read = new ArrayList<>();
        int wholeReads;

        Recording(List<NodeReport> all) {
            this.all = all;
        }

        @Override
        public CompletionStage<List<NodeReport>> reports() {
            wholeReads++;
            return CompletableFuture.completedFuture(all);
        }

        @Override
        public CompletionStage<List<org.mscluster.cluster.model.NodeSummary>> summaries() {
            return CompletableFuture.completedFuture(all.stream().map(NodeReport::summary).toList());
        }

        @Override
        public CompletionStage<List<NodeReport>> reportsOfNodes(List<String> nodeIds) {
            read.addAll(nodeIds);
            Set<String> wanted = Set.copyOf(nodeIds);
            return CompletableFuture.completedFuture(all.stream().filter(r -> wanted.contains(r.nodeId())).toList());
        }
    }

    private static RoomSnapshot room(String ns, String id, Instant since, List<RoomSnapshot.Link> links, String... peers) {
        return new RoomSnapshot(RoomKey.of(ns, id), 0, since, java.util.Arrays.stream(peers).map(p -> new RoomSnapshot.Peer(p, p,
                "eu", null, true, since, List.of(), 0, 1, 2, List.of())).toList(), links);
    }

    private static NodeReport node(String id, String region, String namespaces, RoomSnapshot... rooms) {
        NodeIdentity identity = NodeIdentity.builder(id).region(region).namespaces(Set.of(namespaces.split(","))).build();
        return new NodeReport(identity, new NodeLoad(HostLoad.IDLE, List.of(WorkerLoad.idle(0)), NOW), List.of(rooms));
    }

    /** Seven nodes; a room with legs on p1 (oldest), p4 and p6; a room of another namespace on p2 and p5. */
    private final List<NodeReport> cluster = List.of(
            node("p0", "eu/de", "*", room("acme", "solo", NOW, List.of(), "a")),
            node("p1", "eu/de", "*", room("acme", "big", NOW, List.of(new RoomSnapshot.Link("p4", 1, 1, 5, 5),
                    new RoomSnapshot.Link("p6", 1, 1, 5, 5)), "b")),
            node("p2", "asia/cn", "*", room("globex", "g", NOW, List.of(new RoomSnapshot.Link("p5", 1, 0, 5, 0)), "c")),
            node("p3", "asia/cn", "globex"),
            node("p4", "eu/fr", "*", room("acme", "big", NOW.plusSeconds(5), List.of(new RoomSnapshot.Link("p1", 1, 1, 5, 5)), "d")),
            node("p5", "us/east", "*", room("globex", "g", NOW.plusSeconds(9), List.of(new RoomSnapshot.Link("p2", 0, 1, 0, 5)), "e")),
            node("p6", "eu/fr", "*", room("acme", "big", NOW.plusSeconds(7), List.of(new RoomSnapshot.Link("p1", 1, 1, 5, 5)), "f")));

    /** Every page, for every scope and filter, is the slice of the whole view's nodes that it was. */
    @Test
    void eachPageIsTheSliceOfTheWholeViewsNodes() {
        for (AdminScope scope : List.of(AdminScope.operator("ops"), new AdminScope("acme", "a"), new AdminScope("globex", "g"))) {
            for (String[] filter : new String[][] {{null, null}, {"acme", null}, {null, "eu"}, {"globex", "asia"}}) {
                if (filter[0] != null && !scope.sees(filter[0])) {
                    continue;
                }
                List<NodeReport> visible = ClusterJson.visible(cluster, scope, filter[0], filter[1]);
                for (int offset = 0; offset <= 8; offset++) {
                    for (int limit = 1; limit <= 8; limit++) {
                        Recording source = new Recording(cluster);
                        Map<String, Object> page = NodePages.page(source, scope, filter[0], filter[1], offset, limit, NOW)
                                .toCompletableFuture().join();
                        assertThat(page).as("%s %s/%s offset %d limit %d", scope, filter[0], filter[1], offset, limit)
                                .isEqualTo(ClusterJson.nodesPage(visible, scope, NOW, offset, limit));
                        assertThat(source.wholeReads).isZero();
                    }
                }
            }
        }
    }

    /** A page reads its nodes' reports and those its rooms pipe to, nothing else. */
    @SuppressWarnings("unchecked")
    @Test
    void aPageReadsItsNodesAndTheNodesItsRoomsPipeTo() {
        AdminScope operator = AdminScope.operator("ops");
        Recording source = new Recording(cluster);
        Map<String, Object> page = NodePages.page(source, operator, null, null, 4, 2, NOW).toCompletableFuture().join();
        assertThat((List<Map<String, Object>>) page.get("nodes")).extracting(n -> n.get("id")).containsExactly("p4", "p5");
        assertThat(source.read).containsExactlyInAnyOrder("p4", "p5", "p1", "p2");
        // p4's leg of "big" is listed under p1, the oldest leg, as in the whole view.
        assertThat((List<Map<String, Object>>) page.get("nodes")).first()
                .satisfies(n -> assertThat((List<Map<String, Object>>) n.get("roomLegs")).extracting(l -> l.get("listedOn"))
                        .containsExactly("p1"));
        assertThat(page).containsEntry("total", 7);

        Recording quiet = new Recording(cluster);
        NodePages.page(quiet, operator, null, null, 0, 1, NOW).toCompletableFuture().join();
        assertThat(quiet.read).containsExactly("p0");
        Recording past = new Recording(cluster);
        NodePages.page(past, operator, null, null, 7, 5, NOW).toCompletableFuture().join();
        assertThat(past.read).isEmpty();
    }
}
