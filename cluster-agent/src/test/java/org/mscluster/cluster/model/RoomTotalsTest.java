package org.mscluster.cluster.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoomTotalsTest {

    private static final Instant AT = Instant.ofEpochMilli(1_700_000_000_000L);

    private static RoomSnapshot.Peer peer(String id, String region, int producers, int consumers, long in, long out) {
        List<RoomSnapshot.Producer> list = new java.util.ArrayList<>();
        for (int i = 0; i < producers; i++) {
            list.add(new RoomSnapshot.Producer(id + "-p" + i, "audio", false));
        }
        return new RoomSnapshot.Peer(id, id, region, "", true, AT, list, consumers, in, out, List.of());
    }

    @Test
    void eachNamespacesRoomsAreAddedUpWithTheirPeersRegionsAndPipes() {
        List<RoomSnapshot> rooms = List.of(
                new RoomSnapshot(RoomKey.of("acme", "solo"), 0, AT, List.of(peer("a", "eu/de", 2, 1, 100, 200),
                        peer("b", null, 1, 2, 10, 20)), List.of(), List.of(new RoomSnapshot.Egress("e1", "rtmp", "active", "x", AT, 0))),
                new RoomSnapshot(RoomKey.of("acme", "spread"), 1, AT, List.of(peer("c", "eu/de", 1, 3, 1, 2)),
                        List.of(new RoomSnapshot.Link("n2", 2, 1, 500, 50), new RoomSnapshot.Link("n3", 1, 0, 70, 0))),
                new RoomSnapshot(RoomKey.of("acme", "spread-too"), 0, AT, List.of(),
                        List.of(new RoomSnapshot.Link("n2", 1, 1, 5, 6))),
                new RoomSnapshot(RoomKey.of("globex", "g"), 0, AT, List.of(peer("g", "us", 0, 0, 0, 0))));

        Map<String, RoomTotals> totals = RoomTotals.byNamespace(rooms);

        assertThat(totals).containsOnlyKeys("acme", "globex");
        RoomTotals acme = totals.get("acme");
        assertThat(acme.rooms()).isEqualTo(3);
        assertThat(acme.peers()).isEqualTo(3);
        assertThat(acme.producers()).isEqualTo(4);
        assertThat(acme.consumers()).isEqualTo(6);
        assertThat(acme.egresses()).isEqualTo(1);
        assertThat(acme.bitrateIn()).isEqualTo(111);
        assertThat(acme.bitrateOut()).isEqualTo(222);
        assertThat(acme.peerRegions()).containsExactly(Map.entry("", 1), Map.entry("eu/de", 2));
        assertThat(acme.cascaded()).containsExactly("spread", "spread-too");
        assertThat(acme.links()).containsExactly(
                Map.entry("n2", new RoomTotals.LinkTotals(2, 3, 2, 505, 56)),
                Map.entry("n3", new RoomTotals.LinkTotals(1, 1, 0, 70, 0)));
        assertThat(acme.egressIds()).containsExactly("e1");
        assertThat(totals.get("globex")).isEqualTo(new RoomTotals(1, 1, 0, 0, 0, 0, 0, Map.of("us", 1), List.of(), Map.of(),
                List.of()));
        assertThat(RoomTotals.byNamespace(List.of())).isEmpty();
    }

    @Test
    void aSummaryCutToSomeNamespacesKeepsTheirTotalsOnly() {
        NodeIdentity identity = NodeIdentity.builder("n1").region("eu/de").build();
        NodeReport report = new NodeReport(identity, NodeLoad.idle(1, AT), List.of(
                new RoomSnapshot(RoomKey.of("acme", "a"), 0, AT, List.of(peer("a", "eu", 0, 0, 0, 0))),
                new RoomSnapshot(RoomKey.of("globex", "b"), 0, AT, List.of())));
        NodeSummary summary = report.summary();
        assertThat(summary.namespaces()).containsOnlyKeys("acme", "globex");
        assertThat(summary.within("acme"::equals).namespaces()).containsOnlyKeys("acme");
        assertThat(summary.within(ns -> true)).isSameAs(summary);
        assertThat(summary.nodeId()).isEqualTo("n1");
        assertThat(summary.at()).isEqualTo(AT);
    }
}
