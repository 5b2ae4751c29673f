package org.mscluster.cluster.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.RoomCounts;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.placement.NearestLeastLoadedPolicy;
import org.mscluster.cluster.placement.PlacementChoice;
import org.mscluster.cluster.placement.PlacementSettings;
import org.mscluster.cluster.testing.Nodes;

/** The view's remembered choices are always what the policy would choose on the view afresh. */
class NodeViewTest {

    private static final String[] REGIONS = {"asia/cn/east", "asia/cn/north", "europe/de"};
    private static final String[] ISPS = {"telecom", "unicom"};

    @Test
    void rememberedChoicesMatchAFreshSelectAcrossClaimsAndReleases() {
        claimAndCompare(12, 300, 7, true);
    }

    /** Regions of more nodes than a shortlist holds: choices made again from shortlists, and from all when they run out. */
    @Test
    void choicesFromShortlistsMatchAFreshSelect() {
        assertThat(NodeView.SHORTLIST).isLessThan(90 / REGIONS.length);
        claimAndCompare(90, 1_500, 3, true);
        // Claims only, until every node is full: shortlists run out and everything is ranked again.
        claimAndCompare(90, 1_500, 5, false);
    }

    private static void claimAndCompare(int nodeCount, int steps, long seed, boolean releases) {
        // Few rooms per node, so that claims also push nodes over their room limit.
        NearestLeastLoadedPolicy policy = new NearestLeastLoadedPolicy(PlacementSettings.builder().roomCapacity(6).build());
        SplittableRandom random = new SplittableRandom(seed);
        List<NodeSnapshot> live = new ArrayList<>();
        Map<String, RoomCounts> counts = new HashMap<>();
        for (int n = 0; n < nodeCount; n++) {
            String id = "n" + n;
            live.add(new NodeSnapshot(Nodes.identity(id, REGIONS[n % REGIONS.length], ISPS[n % ISPS.length]),
                    Nodes.cpu(random.nextDouble() * 0.5, 2)));
            counts.put(id, new RoomCounts(Map.of(0, random.nextInt(3), 1, random.nextInt(3))));
        }
        NodeView view = NodeView.of(1, 1, 0, live, counts);
        List<ClientInfo> clients = new ArrayList<>();
        for (String region : REGIONS) {
            for (String isp : ISPS) {
                clients.add(ClientInfo.of(region + "/city", isp));
            }
        }
        for (int step = 0; step < steps; step++) {
            ClientInfo client = clients.get(random.nextInt(clients.size()));
            RoomKey room = RoomKey.of("default", "r" + step);
            var remembered = view.choose(policy, room, client);
            assertThat(remembered).as("step %d", step).isEqualTo(policy.select(view.candidates(), room, client));
            for (ClientInfo other : clients) { // every other key, remembered or not, stays right
                assertThat(view.choose(policy, room, other)).isEqualTo(policy.select(view.candidates(), room, other));
            }
            if (remembered.isEmpty()) {
                break; // every node full
            }
            PlacementChoice c = remembered.get();
            RoomCounts before = counts.get(c.nodeId());
            // Mostly a claim; now and then the directory answers fewer rooms (some were released).
            int delta = releases && random.nextInt(10) == 0 ? -1 : 1;
            Map<Integer, Integer> after = new HashMap<>(before.byWorker());
            after.merge(c.workerIndex(), delta, (a, b) -> Math.max(0, a + b));
            RoomCounts next = new RoomCounts(after);
            counts.put(c.nodeId(), next);
            view = view.withRooms(c.nodeId(), next);
            if (releases && random.nextInt(20) == 0) { // a release elsewhere, reported by a claim's answer
                String other = "n" + random.nextInt(nodeCount);
                RoomCounts none = new RoomCounts(Map.of());
                counts.put(other, none);
                view = view.withRooms(other, none);
            }
        }
    }

    @Test
    void aClaimMakesANewViewAndLeavesTheOldOneAsItWas() {
        List<NodeSnapshot> live = List.of(new NodeSnapshot(Nodes.identity("a", "europe/de", ""), Nodes.idle(2)),
                new NodeSnapshot(Nodes.identity("b", "europe/de", ""), Nodes.idle(2)));
        NodeView view = NodeView.of(1, 5, 0, live, Map.of("a", new RoomCounts(Map.of(0, 1))));
        NodeView claimed = view.withRooms("b", new RoomCounts(Map.of(1, 3)));
        assertThat(claimed.candidates()).extracting(c -> c.id()).containsExactly("a", "b");
        assertThat(claimed.candidates().get(1).claimed().total()).isEqualTo(3);
        assertThat(view.candidates().get(1).claimed().total()).isZero();
        assertThat(claimed.candidates().get(0)).isSameAs(view.candidates().get(0));
        assertThat(claimed.serial()).isEqualTo(view.serial());
        assertThat(claimed.generation()).isEqualTo(5);
        assertThat(claimed.identity("b")).isEqualTo(view.identity("b"));
        assertThat(claimed.identity("c")).isEmpty();
        assertThat(view.withRooms("c", RoomCounts.NONE)).isSameAs(view);
    }
}
