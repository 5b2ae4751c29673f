package org.mscluster.cluster.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.HostLoad;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.NodeSummary;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomSnapshot;
import org.mscluster.cluster.model.RoomTotals;
import org.mscluster.cluster.model.WorkerLoad;
import org.mscluster.cluster.testing.Nodes;

/** The rules every {@link NodeRegistry} obeys; expiry is tested per implementation (fake clock vs. real time). */
public abstract class NodeRegistryContract {
    protected abstract NodeRegistry registry();

    protected static final NodeIdentity EAST = NodeIdentity.builder("east-1").name("East 1").region("asia/cn/east")
            .isp("telecom").signalingUrl("wss://east-1.example.com:4443/").announcedIps(List.of("203.0.113.1"))
            .namespaces("a", "b").priority(3).build();
    protected static final NodeIdentity NORTH = Nodes.identity("north-1", "asia/cn/north", "unicom");

    protected static NodeLoad load(double cpu) {
        return new NodeLoad(HostLoad.of(cpu, 0.5, 1_000, 2_000, 0.1), List.of(WorkerLoad.of(0, 1, 2, 3, 4, cpu)), Instant.ofEpochMilli(1_700_000_000_000L));
    }

    @Test
    void registeredNodesAreListedById() {
        registry().register(new NodeReport(NORTH, load(0.1), List.of()));
        registry().register(new NodeReport(EAST, load(0.2), List.of()));
        assertThat(registry().liveNodes()).containsExactly(new NodeSnapshot(EAST, load(0.2)), new NodeSnapshot(NORTH, load(0.1)));
        assertThat(registry().find("east-1")).contains(new NodeSnapshot(EAST, load(0.2)));
        assertThat(registry().isLive("east-1")).isTrue();
        assertThat(registry().find("nobody")).isEmpty();
        assertThat(registry().isLive("nobody")).isFalse();
    }

    /** A load with figures placement does not read, which {@code placementNodes()} leaves out. */
    protected static NodeLoad fullLoad(double cpu) {
        return new NodeLoad(new HostLoad(cpu, 0.5, 4_000, 8_000, 1_000, 2_000, 90_000, 80_000, 0.1, 3, 4),
                List.of(new WorkerLoad(0, 4242, true, cpu, 123_456, 1, 2, 3, 4, 64_000, 128_000, 7),
                        new WorkerLoad(1, 4243, false, 0.9, 654_321, 5, 6, 7, 8, 1, 2, 0)),
                Instant.ofEpochMilli(1_700_000_000_000L));
    }

    @Test
    void placementNodesAreTheLiveNodesWithThePlacementFiguresOfTheirLoads() {
        registry().register(new NodeReport(NORTH, fullLoad(0.1), List.of()));
        registry().register(new NodeReport(EAST, fullLoad(0.2), List.of()));
        assertThat(registry().placementNodes()).containsExactly(new NodeSnapshot(EAST, fullLoad(0.2).forPlacement()),
                new NodeSnapshot(NORTH, fullLoad(0.1).forPlacement()));

        registry().refresh(Nodes.report("east-1", fullLoad(0.7)));
        registry().setState("north-1", NodeState.DRAINING);
        assertThat(registry().placementNodes()).containsExactly(new NodeSnapshot(EAST, fullLoad(0.7).forPlacement()),
                new NodeSnapshot(NORTH.withState(NodeState.DRAINING), fullLoad(0.1).forPlacement()));

        // A registration with another identity (an address changed on restart) is seen at once.
        NodeIdentity moved = NodeIdentity.builder("east-1").region("asia/cn/east").isp("telecom")
                .signalingUrl("wss://east-1b.example.com:4443/").build();
        registry().register(new NodeReport(moved, fullLoad(0.3), List.of()));
        registry().deregister("north-1");
        assertThat(registry().placementNodes()).containsExactly(new NodeSnapshot(moved, fullLoad(0.3).forPlacement()));
    }

    @Test
    void refreshReplacesTheLoad() {
        registry().register(new NodeReport(EAST, load(0.1), List.of()));
        assertThat(registry().refresh(Nodes.report("east-1", load(0.7)))).isTrue();
        assertThat(registry().find("east-1").orElseThrow().load()).isEqualTo(load(0.7));
    }

    protected static List<RoomSnapshot> rooms(String... ids) {
        Instant at = Instant.ofEpochMilli(1_700_000_000_000L);
        return java.util.Arrays.stream(ids).map(id -> new RoomSnapshot(RoomKey.of("acme", id), 0, at, List.of(
                new RoomSnapshot.Peer("p-" + id, "P", "eu/de", "", true, at, List.of(new RoomSnapshot.Producer("pr", "audio", false)),
                        1, 100, 200, List.of())))).toList();
    }

    @Test
    void reportsCarryEachLiveNodesLoadAndRoomsOrderedById() {
        registry().register(new NodeReport(NORTH, load(0.1), rooms("n1")));
        registry().register(new NodeReport(EAST, load(0.2), List.of()));
        assertThat(registry().reports()).containsExactly(new NodeReport(EAST, load(0.2), List.of()),
                new NodeReport(NORTH, load(0.1), rooms("n1")));
    }

    @Test
    void reportsOfSomeNodesAreThoseOfTheLiveOnesAmongThem() {
        registry().register(new NodeReport(NORTH, load(0.1), rooms("n1")));
        registry().register(new NodeReport(EAST, load(0.2), rooms("e1")));
        assertThat(registry().reports(List.of("north-1", "gone-9", "east-1")))
                .containsExactly(new NodeReport(EAST, load(0.2), rooms("e1")), new NodeReport(NORTH, load(0.1), rooms("n1")));
        assertThat(registry().reports(List.of("north-1"))).containsExactly(new NodeReport(NORTH, load(0.1), rooms("n1")));
        registry().deregister("north-1");
        assertThat(registry().reports(List.of("north-1"))).isEmpty();
        assertThat(registry().reports(List.of())).isEmpty();
    }

    @Test
    void summariesAreTheLiveNodesReportsWithTheirRoomsAddedUp() {
        registry().register(new NodeReport(NORTH, load(0.1), rooms("n1", "n2")));
        registry().register(new NodeReport(EAST, load(0.2), List.of()));
        assertThat(registry().summaries()).containsExactly(new NodeReport(EAST, load(0.2), List.of()).summary(),
                new NodeReport(NORTH, load(0.1), rooms("n1", "n2")).summary());
        RoomTotals acme = registry().summaries().get(1).namespaces().get("acme");
        assertThat(acme.rooms()).isEqualTo(2);
        assertThat(acme.peers()).isEqualTo(2);
        assertThat(acme.peerRegions()).containsExactly(java.util.Map.entry("eu/de", 2));

        // Each refresh writes them, rooms or not, and they follow the state; a departed node has none.
        registry().refresh(new NodeReport(NORTH, load(0.3), rooms("n1")));
        registry().setState("east-1", NodeState.DRAINING);
        assertThat(registry().summaries()).containsExactly(new NodeReport(EAST.withState(NodeState.DRAINING), load(0.2),
                List.of()).summary(), new NodeReport(NORTH, load(0.3), rooms("n1")).summary());
        registry().deregister("north-1");
        assertThat(registry().summaries()).extracting(NodeSummary::nodeId).containsExactly("east-1");
    }

    @Test
    void aRefreshWritesTheRoomsWithTheLoadAndKeepsTheRegisteredIdentity() {
        registry().register(new NodeReport(EAST, load(0.1), List.of()));
        registry().setState("east-1", NodeState.DRAINING);
        // The identity in a refresh is not written: the state changes through setState alone.
        assertThat(registry().refresh(new NodeReport(EAST, load(0.6), rooms("a", "b")))).isTrue();
        NodeReport report = registry().reports().get(0);
        assertThat(report.identity()).isEqualTo(EAST.withState(NodeState.DRAINING));
        assertThat(report.load()).isEqualTo(load(0.6));
        assertThat(report.rooms()).isEqualTo(rooms("a", "b"));
        assertThat(registry().find("east-1").orElseThrow().load()).isEqualTo(load(0.6));
    }

    @Test
    void aDeregisteredNodeHasNoReport() {
        registry().register(new NodeReport(EAST, load(0.1), rooms("a")));
        registry().deregister("east-1");
        assertThat(registry().reports()).isEmpty();
    }

    @Test
    void refreshOfAnUnknownNodeFailsSoItReregisters() {
        assertThat(registry().refresh(Nodes.report("east-1", load(0.1)))).isFalse();
        assertThat(registry().find("east-1")).isEmpty();
    }

    @Test
    void drainingIsAStateChange() {
        registry().register(new NodeReport(EAST, load(0.1), List.of()));
        assertThat(registry().setState("east-1", NodeState.DRAINING)).isTrue();
        assertThat(registry().find("east-1").orElseThrow().identity().state()).isEqualTo(NodeState.DRAINING);
        registry().refresh(Nodes.report("east-1", load(0.2)));
        assertThat(registry().find("east-1").orElseThrow().identity().state()).isEqualTo(NodeState.DRAINING);
        assertThat(registry().setState("east-1", NodeState.UP)).isTrue();
        assertThat(registry().find("east-1").orElseThrow().identity().state()).isEqualTo(NodeState.UP);
        assertThat(registry().setState("nobody", NodeState.DRAINING)).isFalse();
    }

    @Test
    void reRegisteringReplacesTheIdentity() {
        registry().register(new NodeReport(EAST, load(0.1), List.of()));
        registry().register(new NodeReport(EAST.withState(NodeState.DRAINING), load(0.1), List.of()));
        assertThat(registry().liveNodes()).hasSize(1);
        assertThat(registry().liveNodes().get(0).identity().state()).isEqualTo(NodeState.DRAINING);
    }

    @Test
    void aDeregisteredNodeIsGoneAtOnceAndSweptOnce() {
        registry().register(new NodeReport(EAST, load(0.1), List.of()));
        registry().register(new NodeReport(NORTH, load(0.1), List.of()));
        registry().deregister("east-1");
        assertThat(registry().liveNodes()).extracting(NodeSnapshot::id).containsExactly("north-1");
        assertThat(registry().sweepDeparted()).containsExactly("east-1");
        assertThat(registry().sweepDeparted()).isEmpty();
    }

    @Test
    void theGenerationChangesWithMembershipAndStateButNotWithLoad() {
        long g0 = registry().generation();
        registry().register(new NodeReport(EAST, load(0.1), List.of()));
        long g1 = registry().generation();
        assertThat(g1).isNotEqualTo(g0);
        registry().refresh(Nodes.report("east-1", load(0.9)));
        assertThat(registry().generation()).isEqualTo(g1);
        registry().setState("east-1", NodeState.DRAINING);
        long g2 = registry().generation();
        assertThat(g2).isNotEqualTo(g1);
        registry().setState("east-1", NodeState.DRAINING); // no change, no new generation
        assertThat(registry().generation()).isEqualTo(g2);
        registry().deregister("east-1");
        long g3 = registry().generation();
        assertThat(g3).isNotEqualTo(g2);
        registry().deregister("east-1"); // already gone
        assertThat(registry().generation()).isEqualTo(g3);
    }
}
