package org.mscluster.cluster.placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mscluster.cluster.testing.Nodes.T0;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomCounts;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomLeg;
import org.mscluster.cluster.testing.Nodes;

class CascadePolicyTest {
    private static final RoomKey ROOM = new RoomKey("default", "r1");
    private static final ClientInfo BERLIN = ClientInfo.of("eu/de/berlin", "telekom");
    private static final ClientInfo PARIS = ClientInfo.of("eu/fr/paris", "");
    private static final ClientInfo NEW_YORK = ClientInfo.of("us/east/ny", "");

    private final CascadePolicy cascade = new CascadePolicy(new NearestLeastLoadedPolicy(
            PlacementSettings.builder().cascade(true).legCapacity(10).build()));

    private final Candidate de = node("de", "eu/de", "telekom");
    private final Candidate fr = node("fr", "eu/fr", "orange");
    private final Candidate us = node("us", "us/east", "");
    private final Candidate sg = node("sg", "asia/sg", "");
    private final List<Candidate> all = List.of(de, fr, us, sg);

    private static Candidate node(String id, String region, String isp) {
        return new Candidate(Nodes.identity(id, region, isp), Nodes.idle(2), RoomCounts.NONE);
    }

    private static Candidate overCpu(Candidate c) {
        return new Candidate(c.identity(), Nodes.cpu(0.95, 2), c.claimed());
    }

    private static RoomLeg leg(String node, int worker, int peers) {
        return new RoomLeg(node, worker, T0, peers);
    }

    private LegChoice choose(List<Candidate> candidates, List<RoomLeg> legs, ClientInfo client) {
        return cascade.choose(candidates, legs, ROOM, client);
    }

    @Test
    void aPeerNearTheOnlyLegJoinsIt() {
        assertThat(choose(all, List.of(leg("de", 1, 3)), BERLIN)).isEqualTo(new LegChoice("de", 1, false));
    }

    @Test
    void aPeerNearerToAnotherNodeOpensALegThere() {
        assertThat(choose(all, List.of(leg("de", 1, 3)), NEW_YORK)).isEqualTo(new LegChoice("us", 0, true));
        // Paris shares 'eu' with the German leg, 'eu/fr' with the French node: strictly nearer.
        assertThat(choose(all, List.of(leg("de", 1, 3)), PARIS)).isEqualTo(new LegChoice("fr", 0, true));
    }

    @Test
    void aPeerJoinsTheNearestOfSeveralLegs() {
        List<RoomLeg> legs = List.of(leg("de", 0, 5), leg("us", 1, 0), leg("sg", 0, 0));
        assertThat(choose(all, legs, NEW_YORK)).isEqualTo(new LegChoice("us", 1, false));
        assertThat(choose(all, legs, BERLIN)).isEqualTo(new LegChoice("de", 0, false));
    }

    @Test
    void noNearerNodeMeansNoNewLeg() {
        // A client in Japan is no nearer to any node than to the Singapore leg ('asia' is nearer than nothing).
        assertThat(choose(all, List.of(leg("sg", 0, 2)), ClientInfo.of("asia/jp/tokyo", "")))
                .isEqualTo(new LegChoice("sg", 0, false));
        assertThat(choose(all, List.of(leg("de", 0, 2)), ClientInfo.unknown())).isEqualTo(new LegChoice("de", 0, false));
    }

    @Test
    void aFullLegSpillsOverToANewLegOnTheNextNearestNode() {
        assertThat(choose(all, List.of(leg("de", 0, 10)), BERLIN)).isEqualTo(new LegChoice("fr", 0, true));
        assertThat(choose(all, List.of(leg("de", 0, 9)), BERLIN)).isEqualTo(new LegChoice("de", 0, false));
    }

    @Test
    void aLegOnANodeOverItsCpuLimitSpillsOverToANewLeg() {
        List<Candidate> hot = List.of(overCpu(de), fr, us, sg);
        assertThat(choose(hot, List.of(leg("de", 0, 1)), BERLIN)).isEqualTo(new LegChoice("fr", 0, true));
    }

    @Test
    void aLegOnADrainingNodeTakesNoNewPeersWhileAnotherNodeCan() {
        Candidate draining = new Candidate(de.identity().withState(NodeState.DRAINING), de.load(), de.claimed());
        assertThat(choose(List.of(draining, fr, us, sg), List.of(leg("de", 0, 1)), BERLIN))
                .isEqualTo(new LegChoice("fr", 0, true));
    }

    @Test
    void anExistingLegDoesNotCountAgainstTheRoomLimit() {
        CascadePolicy tight = new CascadePolicy(new NearestLeastLoadedPolicy(
                PlacementSettings.builder().cascade(true).roomCapacity(1).build()));
        Candidate full = new Candidate(de.identity(), de.load(), new RoomCounts(java.util.Map.of(0, 1)));
        assertThat(tight.choose(List.of(full, fr), List.of(leg("de", 0, 1)), ROOM, BERLIN))
                .isEqualTo(new LegChoice("de", 0, false));
    }

    @Test
    void whenNoLegIsAcceptableAndNoNodeCanTakeOneTheLeastFullLegTakesThePeer() {
        List<Candidate> hot = List.of(overCpu(de), overCpu(fr), overCpu(us), overCpu(sg));
        List<RoomLeg> legs = List.of(leg("de", 0, 4), leg("us", 1, 2), leg("sg", 0, 2));
        assertThat(choose(hot, legs, BERLIN)).isEqualTo(new LegChoice("sg", 0, false));
        // Full legs, every other node busy: the same.
        List<RoomLeg> full = List.of(leg("de", 0, 12), leg("us", 1, 10));
        assertThat(choose(List.of(de, us, overCpu(fr), overCpu(sg)), full, BERLIN)).isEqualTo(new LegChoice("us", 1, false));
    }

    @Test
    void aNodeThatDoesNotServeTheNamespaceGetsNoLeg() {
        Candidate dedicated = new Candidate(NodeIdentity.builder("fr-b").region("eu/fr").namespaces("b").build(),
                Nodes.idle(2), RoomCounts.NONE);
        List<Candidate> candidates = List.of(de, dedicated, us, sg);
        assertThat(choose(candidates, List.of(leg("de", 0, 1)), PARIS)).isEqualTo(new LegChoice("de", 0, false));
        assertThat(cascade.choose(candidates, List.of(leg("de", 0, 1)), new RoomKey("b", "r1"), PARIS))
                .isEqualTo(new LegChoice("fr-b", 0, true));
    }

    @Test
    void aNodeWithALegNeverGetsASecondOne() {
        // The French node has a leg, full: it is not chosen for a new one, the next nearest is.
        List<RoomLeg> legs = List.of(leg("de", 0, 10), leg("fr", 1, 10));
        assertThat(choose(all, legs, PARIS).nodeId()).isNotIn("fr", "de");
        assertThat(choose(all, legs, PARIS).newLeg()).isTrue();
    }

    @Test
    void tiesGoToTheSameIspThenFewerPeersThenNodeId() {
        Candidate de2 = node("de-2", "eu/de", "");
        Candidate de3 = node("de-3", "eu/de", "");
        List<Candidate> candidates = List.of(de, de2, de3);
        assertThat(choose(candidates, List.of(leg("de-2", 0, 1), leg("de", 0, 5)), BERLIN).nodeId()).isEqualTo("de");
        assertThat(choose(candidates, List.of(leg("de-3", 0, 1), leg("de-2", 0, 5)), BERLIN).nodeId()).isEqualTo("de-3");
        assertThat(choose(candidates, List.of(leg("de-3", 0, 2), leg("de-2", 0, 2)), BERLIN).nodeId()).isEqualTo("de-2");
    }

    @Test
    void aLegWhoseNodeIsNotInTheViewIsOnlyTheLastResort() {
        assertThat(choose(List.of(fr), List.of(leg("de", 0, 1)), BERLIN)).isEqualTo(new LegChoice("fr", 0, true));
        assertThat(choose(List.of(), List.of(leg("de", 0, 1)), BERLIN)).isEqualTo(new LegChoice("de", 0, false));
    }

    @Test
    void theAnswerDoesNotDependOnTheOrderOfCandidatesOrLegs() {
        List<RoomLeg> legs = new ArrayList<>(List.of(leg("de", 0, 3), leg("us", 1, 3), leg("sg", 0, 9)));
        List<Candidate> candidates = new ArrayList<>(List.of(de, fr, us, sg, node("fr-2", "eu/fr", ""),
                node("us-2", "us/east", "")));
        Random random = new Random(7);
        for (ClientInfo client : List.of(BERLIN, PARIS, NEW_YORK, ClientInfo.of("asia/sg", ""))) {
            LegChoice expected = choose(candidates, legs, client);
            for (int i = 0; i < 20; i++) {
                Collections.shuffle(legs, random);
                Collections.shuffle(candidates, random);
                assertThat(choose(candidates, legs, client)).isEqualTo(expected);
            }
        }
    }

    @Test
    void aRoomWithoutLegsIsThePlacementPolicysToPlace() {
        assertThatThrownBy(() -> choose(all, List.of(), BERLIN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void settingsCarryCascadeAndLegCapacity() {
        PlacementSettings d = PlacementSettings.defaults();
        assertThat(d.cascade()).isFalse();
        assertThat(d.legCapacity()).isEqualTo(100);
        PlacementSettings on = d.toBuilder().cascade(true).legCapacity(7).build();
        assertThat(on.toBuilder().build()).isEqualTo(on);
        assertThatThrownBy(() -> d.toBuilder().legCapacity(0).build()).isInstanceOf(IllegalArgumentException.class);
    }
}
