package org.mscluster.cluster.placement;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RegionPath;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.testing.Nodes;

class EgressPlacementTest {
    private static final RoomKey ROOM = new RoomKey("acme", "r1");
    private static final RegionPath BERLIN = RegionPath.parse("eu/de/berlin");

    private final EgressPlacement placement = new EgressPlacement(PlacementSettings.builder().cpuLimit(0.8).build());

    private static NodeSnapshot egress(String id, String region, double cpu) {
        return new NodeSnapshot(NodeIdentity.builder(id).region(region).egressOnly(true).build(), Nodes.cpu(cpu, 1));
    }

    private Optional<String> choose(NodeSnapshot... nodes) {
        return placement.choose(List.of(nodes), ROOM, BERLIN).map(NodeSnapshot::id);
    }

    @Test
    void theLeastLoadedEgressNodeIsChosen() {
        assertThat(choose(egress("e1", "eu/de", 0.5), egress("e2", "eu/de", 0.2), egress("e3", "eu/de", 0.3))).contains("e2");
    }

    @Test
    void aNearerEgressNodeWinsOverALessLoadedFarOne() {
        assertThat(choose(egress("far", "us/east", 0.1), egress("near", "eu/de", 0.6))).contains("near");
        // Equally near: the load decides.
        assertThat(choose(egress("fr", "eu/fr", 0.4), egress("pl", "eu/pl", 0.3))).contains("pl");
    }

    @Test
    void onEqualLoadFewerRoomsThenTheIdDecide() {
        NodeLoad busy = Nodes.withWorkers(0.3, List.of(new org.mscluster.cluster.model.WorkerLoad(0, 1, true, 0.3, -1, 3, 0, 0, 0,
                0, 0, 0)));
        NodeSnapshot three = new NodeSnapshot(NodeIdentity.builder("a").region("eu/de").egressOnly(true).build(), busy);
        assertThat(placement.choose(List.of(three, egress("b", "eu/de", 0.3)), ROOM, BERLIN).map(NodeSnapshot::id)).contains("b");
        assertThat(choose(egress("y", "eu/de", 0.3), egress("x", "eu/de", 0.3))).contains("x");
    }

    @Test
    void nodesThatTakePeersDrainingOverloadedOrOfOtherNamespacesAreNeverChosen() {
        NodeSnapshot media = new NodeSnapshot(Nodes.identity("media", "eu/de", ""), Nodes.idle(1));
        NodeSnapshot draining = new NodeSnapshot(egress("d", "eu/de", 0).identity().withState(NodeState.DRAINING), Nodes.idle(1));
        NodeSnapshot otherNamespace = new NodeSnapshot(NodeIdentity.builder("o").egressOnly(true).namespaces("other").build(),
                Nodes.idle(1));
        NodeSnapshot noWorkers = new NodeSnapshot(egress("w", "eu/de", 0).identity(), Nodes.idle(0));
        assertThat(choose(media, draining, otherNamespace, noWorkers, egress("hot", "eu/de", 0.95))).isEmpty();
        assertThat(choose(media, egress("ok", "us/east", 0.7))).contains("ok");
    }

    @Test
    void placementNeverSendsARoomOrALegToAnEgressNode() {
        NearestLeastLoadedPolicy policy = new NearestLeastLoadedPolicy(PlacementSettings.defaults());
        Candidate egressNode = new Candidate(egress("e", "eu/de", 0).identity(), Nodes.idle(2),
                org.mscluster.cluster.model.RoomCounts.NONE);
        assertThat(policy.assess(egressNode, ROOM)).isEqualTo(Eligibility.EGRESS_ONLY);
        assertThat(policy.assessLeg(egressNode)).isEqualTo(Eligibility.EGRESS_ONLY);
    }
}
