package org.mscluster.signaling.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.HostLoad;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeSummary;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomSnapshot;
import org.mscluster.cluster.model.WorkerLoad;
import org.mscluster.signaling.json.Json;

class ClusterJsonTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");

    private static RoomSnapshot room(String ns, String id, int worker, String... peers) {
        return new RoomSnapshot(RoomKey.of(ns, id), worker, NOW, Arrays.stream(peers).map(p ->
                new RoomSnapshot.Peer(p, p, "eu", null, true, NOW, List.of(new RoomSnapshot.Producer(p + "-a", "audio", false)), 1,
                        1000, 2000, List.of())).toList());
    }

    private static NodeReport node(String id, String region, List<String> namespaces, RoomSnapshot... rooms) {
        NodeIdentity identity = NodeIdentity.builder(id).region(region).namespaces(Set.copyOf(namespaces)).build();
        return new NodeReport(identity, new NodeLoad(HostLoad.IDLE, List.of(new WorkerLoad(0, 1, true, 0.5, -1, 9, 9, 9, 9, 9, 9, 0),
                new WorkerLoad(1, 2, true, 0.1, -1, 0, 0, 0, 0, 0, 0, 0)), NOW), List.of(rooms));
    }

    private final List<NodeReport> cluster = List.of(
            node("n1", "eu/de", List.of("*"), room("acme", "a1", 0, "alice", "bob"), room("globex", "g1", 1, "gina")),
            node("n2", "asia/cn", List.of("globex"), room("globex", "g2", 0, "gus")));

    @SuppressWarnings("unchecked")
    @Test
    void aNamespaceAdminSeesItsRoomsOnNodesThatServeIt() {
        AdminScope acme = new AdminScope("acme", "a");
        List<NodeReport> visible = ClusterJson.visible(cluster, acme, null, null);
        assertThat(visible).extracting(NodeReport::nodeId).containsExactly("n1");
        assertThat(visible.get(0).rooms()).extracting(r -> r.key().roomId()).containsExactly("a1");
        // Worker figures are counted over the visible rooms only.
        assertThat(visible.get(0).workers()).extracting(WorkerLoad::peers).containsExactly(2, 0);
        Map<String, Object> json = ClusterJson.cluster(visible, acme, NOW);
        assertThat(((Map<String, Object>) json.get("totals")).get("peers")).isEqualTo(2);
        assertThat(json.get("namespaces")).isEqualTo(List.of("acme"));
        assertThat(Json.write(json)).doesNotContain("globex", "gina", "gus", "n2");
    }

    @SuppressWarnings("unchecked")
    @Test
    void theOperatorSeesAllAndFiltersByRegionAndNamespace() {
        AdminScope operator = AdminScope.operator("ops");
        Map<String, Object> all = ClusterJson.cluster(ClusterJson.visible(cluster, operator, null, null), operator, NOW);
        Map<String, Object> totals = (Map<String, Object>) all.get("totals");
        assertThat(totals.get("nodes")).isEqualTo(2);
        assertThat(totals.get("rooms")).isEqualTo(3);
        assertThat(totals.get("peers")).isEqualTo(4);
        assertThat(totals.get("bitrateIn")).isEqualTo(4000L);
        assertThat((Map<String, Object>) all.get("peerRegions")).containsEntry("eu", 4);
        assertThat(ClusterJson.visible(cluster, operator, null, "asia")).extracting(NodeReport::nodeId).containsExactly("n2");
        assertThat(ClusterJson.visible(cluster, operator, "globex", null).get(0).rooms())
                .extracting(r -> r.key().roomId()).containsExactly("g1");
        assertThat(ClusterJson.roomDetail(cluster, RoomKey.of("globex", "g2")).orElseThrow())
                .containsEntry("nodeId", "n2").containsEntry("workerIndex", 0);
        assertThat(ClusterJson.roomDetail(cluster, RoomKey.of("acme", "nope"))).isEmpty();
    }

    @SuppressWarnings("unchecked")
    @Test
    void mediaHostsAreListedApartWithTheNodesUsingThemAndOnlyToOperators() {
        NodeIdentity hostIdentity = NodeIdentity.builder("media-1").region("eu/de").signalingUrl("media+tls://10.0.0.7:4460/").build();
        NodeReport host = new NodeReport(hostIdentity, new NodeLoad(HostLoad.IDLE,
                List.of(new WorkerLoad(0, 77, true, 0.25, 1 << 20, 0, 0, 0, 0, 0, 0, 0, "media-1"), WorkerLoad.idle(1)), NOW), List.of());
        NodeIdentity nodeIdentity = NodeIdentity.builder("n3").region("eu/de").build();
        NodeReport user = new NodeReport(nodeIdentity, new NodeLoad(HostLoad.IDLE,
                List.of(new WorkerLoad(0, 77, true, 0.25, -1, 0, 0, 0, 0, 0, 0, 0, "media-1"),
                        new WorkerLoad(1, 78, true, 0.1, -1, 0, 0, 0, 0, 0, 0, 0, "media-elsewhere")), NOW), List.of());
        AdminScope operator = AdminScope.operator("ops");
        Map<String, Object> json = ClusterJson.cluster(ClusterJson.visible(List.of(host, user), operator, null, null), operator, NOW);

        assertThat((List<Map<String, Object>>) json.get("nodes")).extracting(n -> n.get("id")).containsExactly("n3");
        assertThat(((Map<String, Object>) json.get("totals")).get("nodes")).isEqualTo(1);
        List<Map<String, Object>> hosts = (List<Map<String, Object>>) json.get("mediaHosts");
        assertThat(hosts).extracting(h -> h.get("id")).containsExactly("media-1", "media-elsewhere");
        assertThat(hosts.get(0)).containsEntry("address", "tls://10.0.0.7:4460").containsEntry("registered", true)
                .containsEntry("usedBy", List.of(Map.of("node", "n3", "workers", List.of(0))));
        assertThat((List<Map<String, Object>>) hosts.get(0).get("workers")).extracting(w -> w.get("busy")).containsExactly(true, false);
        assertThat(hosts.get(1)).containsEntry("registered", false)
                .containsEntry("usedBy", List.of(Map.of("node", "n3", "workers", List.of(1))));

        AdminScope acme = new AdminScope("acme", "a");
        Map<String, Object> tenant = ClusterJson.cluster(ClusterJson.visible(List.of(host, user), acme, null, null), acme, NOW);
        assertThat(tenant).doesNotContainKey("mediaHosts");
        assertThat(ClusterJson.visible(List.of(host, user), acme, null, null)).extracting(NodeReport::nodeId).containsExactly("n3");
    }

    private static RoomSnapshot leg(String ns, String id, int worker, Instant since, List<RoomSnapshot.Link> links, String... peers) {
        RoomSnapshot plain = room(ns, id, worker, peers);
        return new RoomSnapshot(plain.key(), worker, since, plain.peers(), links);
    }

    /** A room with legs on three nodes (n1 oldest; n1–n2 and n1–n3 pipes, n2–n3 too), and a room whole on n2. */
    private final List<NodeReport> cascade = List.of(
            node("n1", "eu/de", List.of("*"),
                    leg("acme", "big", 0, NOW.minusSeconds(60), List.of(new RoomSnapshot.Link("n2", 1, 2, 500_000, 1_000_000),
                            new RoomSnapshot.Link("n3", 0, 2, 0, 1_000_000)), "alice", "bob")),
            node("n2", "us/east", List.of("*"),
                    leg("acme", "big", 1, NOW.minusSeconds(30), List.of(new RoomSnapshot.Link("n1", 2, 1, 990_000, 480_000),
                            new RoomSnapshot.Link("n3", 0, 1, 0, 250_000)), "carol"),
                    room("globex", "g2", 0, "gus")),
            node("n3", "asia/cn", List.of("*"),
                    leg("acme", "big", 0, NOW.minusSeconds(10), List.of(new RoomSnapshot.Link("n1", 2, 0, 1_000_000, 0),
                            new RoomSnapshot.Link("n2", 1, 0, 260_000, 0)), "dan")));

    @SuppressWarnings("unchecked")
    @Test
    void aRoomWithLegsOnThreeNodesIsListedOnceWithItsLegsAndThePipesBetweenNodes() {
        AdminScope operator = AdminScope.operator("ops");
        Map<String, Object> json = ClusterJson.cluster(ClusterJson.visible(cascade, operator, null, null), operator, NOW);
        Map<String, Object> totals = (Map<String, Object>) json.get("totals");
        assertThat(totals).containsEntry("rooms", 2).containsEntry("peers", 5).containsEntry("nodes", 3);

        List<Map<String, Object>> nodes = (List<Map<String, Object>>) json.get("nodes");
        List<Map<String, Object>> listed = nodes.stream()
                .flatMap(n -> ((List<Map<String, Object>>) n.get("rooms")).stream()).toList();
        assertThat(listed).extracting(r -> r.get("roomId")).containsExactlyInAnyOrder("big", "g2");
        Map<String, Object> big = (Map<String, Object>) ((List<Map<String, Object>>) nodes.get(0).get("rooms")).get(0);
        assertThat(big).containsEntry("roomId", "big").containsEntry("listedOn", "n1").containsEntry("workerIndex", 0)
                .containsEntry("producers", 4).containsEntry("bitrateIn", 4000L);
        assertThat((List<Map<String, Object>>) big.get("peers")).extracting(p -> p.get("id") + "@" + p.get("nodeId"))
                .containsExactly("alice@n1", "bob@n1", "carol@n2", "dan@n3");
        List<Map<String, Object>> legs = (List<Map<String, Object>>) big.get("legs");
        assertThat(legs).extracting(l -> l.get("nodeId")).containsExactly("n1", "n2", "n3");
        assertThat(legs).extracting(l -> l.get("workerIndex")).containsExactly(0, 1, 0);
        assertThat(legs).extracting(l -> l.get("peers")).containsExactly(2, 1, 1);
        assertThat((List<Map<String, Object>>) legs.get(1).get("links")).first()
                .isEqualTo(Map.of("nodeId", "n1", "producersIn", 2, "producersOut", 1, "bitrateIn", 990_000L, "bitrateOut", 480_000L));

        // The other nodes name their legs apart, and still count them as what they serve.
        assertThat((List<Map<String, Object>>) nodes.get(1).get("roomLegs")).singleElement()
                .satisfies(l -> assertThat(l).containsEntry("roomId", "big").containsEntry("listedOn", "n1").containsEntry("peers", 1));
        assertThat(((Map<String, Object>) nodes.get(2).get("service")).get("rooms")).isEqualTo(1);
        assertThat(nodes.get(0)).doesNotContainKey("roomLegs");
        // A room whole on its node looks as before.
        Map<String, Object> g2 = listed.stream().filter(r -> r.get("roomId").equals("g2")).findFirst().orElseThrow();
        assertThat(g2).doesNotContainKeys("legs", "listedOn");
        assertThat(((List<Map<String, Object>>) g2.get("peers")).get(0)).doesNotContainKey("nodeId");

        // Regions count the rooms with a leg there, once.
        assertThat((Map<String, Object>) json.get("regions")).containsEntry("eu/de", Map.of("nodes", 1, "rooms", 1, "peers", 2));

        // Pipes between each pair of nodes: the larger of the two ends' figures, each way.
        assertThat((List<Map<String, Object>>) json.get("links")).containsExactly(
                Map.of("nodeA", "n1", "nodeB", "n2", "rooms", 1, "producersAtoB", 2, "producersBtoA", 1,
                        "bitrateAtoB", 1_000_000L, "bitrateBtoA", 500_000L),
                Map.of("nodeA", "n1", "nodeB", "n3", "rooms", 1, "producersAtoB", 2, "producersBtoA", 0,
                        "bitrateAtoB", 1_000_000L, "bitrateBtoA", 0L),
                Map.of("nodeA", "n2", "nodeB", "n3", "rooms", 1, "producersAtoB", 1, "producersBtoA", 0,
                        "bitrateAtoB", 260_000L, "bitrateBtoA", 0L));

        // The room's page shows it whole, with its legs.
        Map<String, Object> detail = ClusterJson.roomDetail(cascade, RoomKey.of("acme", "big")).orElseThrow();
        assertThat(detail).containsEntry("nodeId", "n1").containsKey("legs");
        assertThat((List<Map<String, Object>>) detail.get("peers")).hasSize(4)
                .allSatisfy(p -> assertThat(p.get("producers")).isInstanceOf(List.class));
        assertThat((List<Map<String, Object>>) detail.get("legs")).extracting(l -> l.get("nodeId")).containsExactly("n1", "n2", "n3");
        assertThat(ClusterJson.roomDetail(cascade, RoomKey.of("globex", "g2")).orElseThrow()).doesNotContainKey("legs");
    }

    @SuppressWarnings("unchecked")
    @Test
    void linksAreAggregatedOverRoomsAndCutToANamespaceAdminsRooms() {
        List<NodeReport> two = List.of(
                node("n1", "eu/de", List.of("*"),
                        leg("acme", "a", 0, NOW, List.of(new RoomSnapshot.Link("n2", 1, 1, 100, 200)), "alice"),
                        leg("globex", "g", 0, NOW, List.of(new RoomSnapshot.Link("n2", 3, 2, 1000, 2000)), "gina")),
                node("n2", "us/east", List.of("*"),
                        leg("acme", "a", 0, NOW.plusSeconds(1), List.of(new RoomSnapshot.Link("n1", 1, 1, 200, 100)), "bob"),
                        leg("globex", "g", 0, NOW.plusSeconds(1), List.of(new RoomSnapshot.Link("n1", 2, 3, 2000, 1000)), "gus")));
        AdminScope operator = AdminScope.operator("ops");
        Map<String, Object> all = ClusterJson.cluster(ClusterJson.visible(two, operator, null, null), operator, NOW);
        assertThat((List<Map<String, Object>>) all.get("links")).containsExactly(Map.of("nodeA", "n1", "nodeB", "n2", "rooms", 2,
                "producersAtoB", 3, "producersBtoA", 4, "bitrateAtoB", 2200L, "bitrateBtoA", 1100L));

        AdminScope acme = new AdminScope("acme", "a");
        Map<String, Object> tenant = ClusterJson.cluster(ClusterJson.visible(two, acme, null, null), acme, NOW);
        assertThat((List<Map<String, Object>>) tenant.get("links")).containsExactly(Map.of("nodeA", "n1", "nodeB", "n2", "rooms", 1,
                "producersAtoB", 1, "producersBtoA", 1, "bitrateAtoB", 200L, "bitrateBtoA", 100L));
        assertThat(((Map<String, Object>) tenant.get("totals")).get("rooms")).isEqualTo(1);
        assertThat(Json.write(tenant)).doesNotContain("globex", "gina", "gus");
    }

    @SuppressWarnings("unchecked")
    @Test
    void theSummaryHasTheWholeViewsFiguresAndEachNodeWithoutWorkersOrRooms() {
        AdminScope operator = AdminScope.operator("ops");
        List<NodeReport> visible = ClusterJson.visible(cluster, operator, null, null);
        Map<String, Object> full = ClusterJson.cluster(visible, operator, NOW);
        Map<String, Object> summary = ClusterJson.summary(visible, operator, NOW);
        assertThat(summary.get("view")).isEqualTo("summary");
        for (String key : List.of("time", "scope", "totals", "regions", "peerRegions", "namespaces", "links", "mediaHosts")) {
            assertThat(summary.get(key)).as(key).isEqualTo(full.get(key));
        }
        List<Map<String, Object>> fullNodes = (List<Map<String, Object>>) full.get("nodes");
        List<Map<String, Object>> nodes = (List<Map<String, Object>>) summary.get("nodes");
        assertThat(nodes).extracting(n -> n.get("id")).containsExactly("n1", "n2");
        for (int i = 0; i < nodes.size(); i++) {
            Map<String, Object> expected = new java.util.LinkedHashMap<>(fullNodes.get(i));
            expected.keySet().removeAll(List.of("workers", "rooms", "roomLegs"));
            Map<String, Object> node = new java.util.LinkedHashMap<>(nodes.get(i));
            assertThat(node.remove("byNamespace")).as("byNamespace").isNotNull();
            assertThat(node).isEqualTo(expected);
        }
        assertThat(((Map<String, Object>) nodes.get(0).get("service")).get("rooms")).isEqualTo(2);
        assertThat(Json.write(summary)).doesNotContain("alice", "\"a1\"");
        // The default view is unchanged: no marker, every node with its workers and rooms.
        assertThat(full).doesNotContainKey("view");
        assertThat(fullNodes.get(0)).containsKeys("workers", "rooms");
    }

    /**
     * The summary a dispatcher builds from the nodes' totals (no room list read) is the one built from
     * their whole reports, for every scope and filter, rooms across nodes included.
     */
    @Test
    void theSummaryFromTheNodesTotalsIsTheSummaryFromTheirWholeReports() {
        AdminScope operator = AdminScope.operator("ops");
        AdminScope acme = new AdminScope("acme", "a");
        AdminScope globex = new AdminScope("globex", "g");
        List<NodeReport> two = List.of(
                node("n1", "eu/de", List.of("*"), leg("acme", "a", 0, NOW, List.of(new RoomSnapshot.Link("n2", 1, 1, 100, 200)), "alice"),
                        room("globex", "solo", 1, "gina")),
                node("n2", "us/east", List.of("globex"), leg("acme", "a", 0, NOW.plusSeconds(1),
                        List.of(new RoomSnapshot.Link("n1", 1, 1, 200, 100)), "bob")));
        for (List<NodeReport> reports : List.of(cluster, cascade, two)) {
            List<NodeSummary> summaries = reports.stream().map(NodeReport::summary).toList();
            for (AdminScope scope : List.of(operator, acme, globex)) {
                for (String[] filter : new String[][] {{null, null}, {"acme", null}, {"globex", ""}, {null, "eu"}, {"", "us/east"}}) {
                    Map<String, Object> fromReports = ClusterJson.summary(ClusterJson.visible(reports, scope, filter[0], filter[1]),
                            scope, NOW);
                    Map<String, Object> fromTotals = ClusterJson.summaryOf(ClusterJson.visibleSummaries(summaries, scope, filter[0],
                            filter[1]), scope, NOW);
                    assertThat(fromTotals).as("%s %s %s", reports, scope, Arrays.toString(filter)).isEqualTo(fromReports);
                }
            }
        }
        // A spot check against the whole view: the room across two nodes counted once.
        Map<String, Object> whole = ClusterJson.cluster(ClusterJson.visible(cascade, operator, null, null), operator, NOW);
        Map<String, Object> summary = ClusterJson.summaryOf(ClusterJson.visibleSummaries(
                cascade.stream().map(NodeReport::summary).toList(), operator, null, null), operator, NOW);
        for (String key : List.of("totals", "regions", "peerRegions", "namespaces", "links")) {
            assertThat(summary.get(key)).as(key).isEqualTo(whole.get(key));
        }
    }

    /**
     * A summary node's figures per namespace are what the view of that node alone, cut to that namespace,
     * says: the dashboard's namespace filter shows them in summary mode.
     */
    @SuppressWarnings("unchecked")
    @Test
    void aSummaryNodesFiguresPerNamespaceAreItsFiguresInTheViewCutToThatNamespace() {
        AdminScope operator = AdminScope.operator("ops");
        int checked = 0;
        for (List<NodeReport> reports : List.of(cluster, cascade)) {
            Map<String, Object> summary = ClusterJson.summary(ClusterJson.visible(reports, operator, null, null), operator, NOW);
            for (Map<String, Object> node : (List<Map<String, Object>>) summary.get("nodes")) {
                Map<String, Object> byNamespace = (Map<String, Object>) node.get("byNamespace");
                NodeReport report = reports.stream().filter(r -> r.nodeId().equals(node.get("id"))).findFirst().orElseThrow();
                for (String namespace : (List<String>) summary.get("namespaces")) {
                    Map<String, Object> cut = ClusterJson.summary(ClusterJson.visible(List.of(report), operator, namespace, null),
                            operator, NOW);
                    List<Map<String, Object>> cutNodes = (List<Map<String, Object>>) cut.get("nodes");
                    Map<String, Object> expected = cutNodes.isEmpty() ? new java.util.LinkedHashMap<>()
                            : new java.util.LinkedHashMap<>((Map<String, Object>) cutNodes.get(0).get("service"));
                    expected.remove("workers");
                    if (expected.isEmpty() || (Integer) expected.get("rooms") == 0) {
                        assertThat(byNamespace).as("%s %s", node.get("id"), namespace).doesNotContainKey(namespace);
                        continue;
                    }
                    expected.put("peerRegions", cut.get("peerRegions"));
                    assertThat(byNamespace.get(namespace)).as("%s %s", node.get("id"), namespace).isEqualTo(expected);
                    checked++;
                }
            }
        }
        assertThat(checked).isGreaterThanOrEqualTo(3);
    }

    @SuppressWarnings("unchecked")
    @Test
    void aNamespaceAdminsSummaryIsCutLikeItsWholeView() {
        AdminScope acme = new AdminScope("acme", "a");
        Map<String, Object> summary = ClusterJson.summary(ClusterJson.visible(cluster, acme, null, null), acme, NOW);
        assertThat((List<Map<String, Object>>) summary.get("nodes")).extracting(n -> n.get("id")).containsExactly("n1");
        assertThat(((Map<String, Object>) summary.get("totals")).get("rooms")).isEqualTo(1);
        assertThat(summary).doesNotContainKey("mediaHosts");
        assertThat(Json.write(summary)).doesNotContain("globex", "gina", "gus", "n2");
    }

    @SuppressWarnings("unchecked")
    @Test
    void pagesOfNodesAreSlicesOfTheWholeViewsNodes() {
        AdminScope operator = AdminScope.operator("ops");
        List<NodeReport> many = new java.util.ArrayList<>();
        for (int n = 0; n < 7; n++) {
            many.add(node(String.format("p%02d", n), n % 2 == 0 ? "eu/de" : "asia/cn", List.of("*"),
                    room("acme", "r" + n, 0, "peer" + n)));
        }
        List<Map<String, Object>> all = (List<Map<String, Object>>) ClusterJson.cluster(many, operator, NOW).get("nodes");
        Map<String, Object> page = ClusterJson.nodesPage(many, operator, NOW, 2, 3);
        assertThat(page).containsEntry("total", 7).containsEntry("offset", 2).containsEntry("limit", 3)
                .containsEntry("time", NOW.toString());
        assertThat((List<Object>) page.get("nodes")).isEqualTo(all.subList(2, 5));
        assertThat((List<Object>) ClusterJson.nodesPage(many, operator, NOW, 5, 100).get("nodes")).isEqualTo(all.subList(5, 7));
        assertThat((List<Object>) ClusterJson.nodesPage(many, operator, NOW, 7, 10).get("nodes")).isEmpty();
        assertThat((List<Object>) ClusterJson.nodesPage(many, operator, NOW, 1_000, Integer.MAX_VALUE).get("nodes")).isEmpty();
        // Pages in turn list every node once.
        List<Object> walked = new java.util.ArrayList<>();
        for (int offset = 0; offset < 7; offset += 2) {
            walked.addAll((List<Object>) ClusterJson.nodesPage(many, operator, NOW, offset, 2).get("nodes"));
        }
        assertThat(walked).isEqualTo(all);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClusterJson.nodesPage(many, operator, NOW, -1, 2))
                .isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ClusterJson.nodesPage(many, operator, NOW, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @SuppressWarnings("unchecked")
    @Test
    void aRoomAcrossNodesIsListedOnTheSamePageAsInTheWholeView() {
        AdminScope operator = AdminScope.operator("ops");
        Instant later = NOW.plusSeconds(5);
        RoomSnapshot firstLeg = new RoomSnapshot(RoomKey.of("acme", "big"), 0, NOW, List.of(), List.of(
                new RoomSnapshot.Link("b", 1, 1, 10, 10)));
        RoomSnapshot secondLeg = new RoomSnapshot(RoomKey.of("acme", "big"), 0, later, List.of(), List.of(
                new RoomSnapshot.Link("a", 1, 1, 10, 10)));
        List<NodeReport> reports = List.of(node("a", "eu/de", List.of("*"), firstLeg), node("b", "eu/fr", List.of("*"), secondLeg));
        Map<String, Object> second = ((List<Map<String, Object>>) ClusterJson.nodesPage(reports, operator, NOW, 1, 1)
                .get("nodes")).get(0);
        assertThat(second.get("id")).isEqualTo("b");
        assertThat((List<Object>) second.get("rooms")).isEmpty();
        assertThat((List<Map<String, Object>>) second.get("roomLegs")).extracting(l -> l.get("listedOn")).containsExactly("a");
    }
}
