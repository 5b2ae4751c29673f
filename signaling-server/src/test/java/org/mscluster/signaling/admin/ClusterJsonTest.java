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
}
