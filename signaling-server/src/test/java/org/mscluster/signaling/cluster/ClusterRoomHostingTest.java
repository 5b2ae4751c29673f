package org.mscluster.signaling.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.dispatch.DispatchPipeline;
import org.mscluster.cluster.dispatch.RoomPlacer;
import org.mscluster.cluster.locate.CidrTable;
import org.mscluster.cluster.locate.ClientLocator;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.placement.NearestLeastLoadedPolicy;
import org.mscluster.cluster.placement.PlacementSettings;
import org.mscluster.cluster.testing.FakeClock;
import org.mscluster.signaling.hosting.ClientHints;
import org.mscluster.signaling.hosting.HostingDecision;

class ClusterRoomHostingTest {

    private final FakeClock clock = new FakeClock();
    private final ClusterStore store = ClusterStore.inMemory(clock);
    private final DispatchPipeline pipeline = new DispatchPipeline(new RoomPlacer(store.registry(), store.directory(),
            new NearestLeastLoadedPolicy(), clock, Duration.ZERO), 1);
    private final List<RoomKey> released = new ArrayList<>();
    private final ClusterRoomHosting hosting = new ClusterRoomHosting("self", pipeline, new ClientLocator(CidrTable.EMPTY),
            Runnable::run, room -> Optional.empty(), room -> false, released::add);

    @AfterEach
    void close() {
        pipeline.close();
    }

    private void register(String id, String region, NodeState state) {
        store.registry().register(NodeReport.idle(NodeIdentity.builder(id).region(region).signalingUrl("ws://" + id + ":4443/").state(state).build(), 2, clock.instant()));
    }

    private HostingDecision locate(RoomKey room, String region) throws Exception {
        return hosting.locate(room, new ClientHints("p1", region, null, null)).toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void withCascadeALegOpeningHereForARoomHeldElsewhereIsNoNewRoom() throws Exception {
        DispatchPipeline cascading = new DispatchPipeline(new RoomPlacer(store.registry(), store.directory(),
                new NearestLeastLoadedPolicy(PlacementSettings.builder().cascade(true).build()), clock, Duration.ZERO), 1);
        try {
            ClusterRoomHosting legs = new ClusterRoomHosting("self", cascading, new ClientLocator(CidrTable.EMPTY),
                    Runnable::run, room -> Optional.empty(), room -> false, released::add, true);
            register("self", "asia/cn/east", NodeState.UP);
            register("other", "europe/de", NodeState.UP);
            RoomKey room = RoomKey.of("acme", "r1");
            store.directory().claim(new RoomPlacement(room, "other", 0, Instant.now()));
            HostingDecision leg = legs.locate(room, new ClientHints("p1", "asia/cn/east/sh", null, null))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(leg).isInstanceOf(HostingDecision.Local.class);
            assertThat(((HostingDecision.Local) leg).legOfExistingRoom()).isTrue();
            HostingDecision fresh = legs.locate(RoomKey.of("acme", "r2"), new ClientHints("p1", "asia/cn/east/sh", null, null))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertThat(fresh).isInstanceOf(HostingDecision.Local.class);
            assertThat(((HostingDecision.Local) fresh).legOfExistingRoom()).as("a new room").isFalse();
        } finally {
            cascading.close();
        }
    }

    @Test
    void aRoomThisNodeHoldsIsHostedHereOnItsWorker() throws Exception {
        register("self", "asia/cn/east", NodeState.UP);
        register("other", "europe/de", NodeState.UP);
        store.directory().claim(new RoomPlacement(RoomKey.of("acme", "r1"), "self", 1, Instant.now()));
        assertThat(locate(RoomKey.of("acme", "r1"), "europe/de")).isEqualTo(new HostingDecision.Local(1));
    }

    @Test
    void aRoomAnotherNodeHoldsIsARedirectThere() throws Exception {
        register("self", "asia/cn/east", NodeState.UP);
        register("other", "europe/de", NodeState.UP);
        store.directory().claim(new RoomPlacement(RoomKey.of("acme", "r1"), "other", 1, Instant.now()));
        HostingDecision decision = locate(RoomKey.of("acme", "r1"), "asia/cn/east");
        assertThat(decision).isInstanceOf(HostingDecision.Elsewhere.class);
        HostingDecision.Elsewhere elsewhere = (HostingDecision.Elsewhere) decision;
        assertThat(elsewhere.nodeId()).isEqualTo("other");
        assertThat(elsewhere.signalingUrl()).isEqualTo("ws://other:4443/");
        assertThat(elsewhere.workerIndex()).isEqualTo(1);
    }

    @Test
    void aNewRoomGoesWhereThePolicySaysEvenIfThatIsElsewhere() throws Exception {
        register("self", "asia/cn/east", NodeState.UP);
        register("other", "europe/de", NodeState.UP);
        assertThat(locate(RoomKey.of("acme", "near-me"), "asia/cn/east/sh")).isInstanceOf(HostingDecision.Local.class);
        assertThat(locate(RoomKey.of("acme", "near-other"), "europe/de/berlin")).isInstanceOf(HostingDecision.Elsewhere.class);
        assertThat(store.directory().lookup(RoomKey.of("acme", "near-other"))).map(RoomPlacement::nodeId).contains("other");
    }

    @Test
    void aDrainingNodeSendsNewRoomsAwayButKeepsItsOwn() throws Exception {
        register("self", "asia/cn/east", NodeState.UP);
        register("other", "europe/de", NodeState.UP);
        store.directory().claim(new RoomPlacement(RoomKey.of("acme", "mine"), "self", 0, Instant.now()));
        store.registry().setState("self", NodeState.DRAINING);
        assertThat(locate(RoomKey.of("acme", "mine"), "asia/cn/east")).isEqualTo(new HostingDecision.Local(0));
        assertThat(locate(RoomKey.of("acme", "new"), "asia/cn/east")).isInstanceOf(HostingDecision.Elsewhere.class);
    }

    @Test
    void aBadRegionHintPlacesTheClientAsUnknownRatherThanRefusingIt() throws Exception {
        register("self", "asia/cn/east", NodeState.UP);
        assertThat(locate(RoomKey.of("acme", "r"), "Not A Region!")).isInstanceOf(HostingDecision.Local.class);
    }

    @Test
    void aClientWhoNamesNoRegionIsLocatedByItsAddress() throws Exception {
        register("self", "asia/cn/east", NodeState.UP);
        register("other", "europe/de", NodeState.UP);
        ClusterRoomHosting locating = new ClusterRoomHosting("self", pipeline,
                new ClientLocator(CidrTable.parse(new StringReader("10.0.0.0/8 europe/de/berlin -\n"))), Runnable::run,
                room -> Optional.empty(), room -> false, released::add);
        HostingDecision decision = locating.locate(RoomKey.of("acme", "from-berlin"), new ClientHints("p1", null, null, null, "10.1.2.3"))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertThat(decision).isInstanceOf(HostingDecision.Elsewhere.class);
        assertThat(((HostingDecision.Elsewhere) decision).nodeId()).isEqualTo("other");
    }

    @Test
    void releaseRemovesTheDirectoryEntry() {
        hosting.release(RoomKey.of("acme", "gone"));
        assertThat(released).containsExactly(RoomKey.of("acme", "gone"));
    }
}
