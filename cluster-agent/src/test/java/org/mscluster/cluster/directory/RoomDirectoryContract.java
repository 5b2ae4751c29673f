package org.mscluster.cluster.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomCounts;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.registry.NodeRegistry;
import org.mscluster.cluster.testing.Nodes;

/**
 * The rules every {@link RoomDirectory} obeys, run against the in-memory implementation as a unit
 * test and against Redis as an integration test.
 */
public abstract class RoomDirectoryContract {
    protected static final RoomKey ROOM = new RoomKey("default", "room-1");
    protected static final Instant SINCE = Instant.ofEpochMilli(1_700_000_000_000L);

    /** A fresh, empty registry for this test. */
    protected abstract NodeRegistry registry();

    /** A directory whose liveness checks use {@link #registry()}. */
    protected abstract RoomDirectory directory();

    protected void live(String... nodeIds) {
        for (String id : nodeIds) {
            registry().register(new NodeReport(Nodes.identity(id, "x", ""), Nodes.idle(4), List.of()));
        }
    }

    protected void kill(String nodeId) {
        registry().deregister(nodeId);
    }

    protected static RoomPlacement on(String node, int worker) {
        return on(ROOM, node, worker);
    }

    protected static RoomPlacement on(RoomKey room, String node, int worker) {
        return new RoomPlacement(room, node, worker, SINCE);
    }

    @Test
    void aFreeRoomIsClaimed() {
        live("n1");
        ClaimResult r = directory().claim(on("n1", 2));
        assertThat(r.outcome()).isEqualTo(ClaimResult.Outcome.CLAIMED);
        assertThat(r.won()).isTrue();
        assertThat(r.placement()).isEqualTo(on("n1", 2));
        assertThat(directory().lookup(ROOM)).contains(on("n1", 2));
        assertThat(directory().roomsOf("n1")).isEqualTo(Map.of(ROOM, 2));
        assertThat(directory().roomCounts(List.of("n1", "n2")).get("n1").byWorker()).isEqualTo(Map.of(2, 1));
        assertThat(directory().roomCounts(List.of("n1", "n2")).get("n2").total()).isZero();
    }

    @Test
    void aHeldRoomAnswersWithItsOwner() {
        live("n1", "n2");
        directory().claim(on("n1", 0));
        ClaimResult r = directory().claim(on("n2", 3));
        assertThat(r.outcome()).isEqualTo(ClaimResult.Outcome.HELD);
        assertThat(r.winner()).contains(on("n1", 0));
        assertThat(directory().roomsOf("n2")).isEmpty();
    }

    @Test
    void aDeadClaimantWritesNothing() {
        ClaimResult r = directory().claim(on("ghost", 0));
        assertThat(r.outcome()).isEqualTo(ClaimResult.Outcome.CLAIMANT_NOT_LIVE);
        assertThat(r.winner()).isEmpty();
        assertThat(directory().lookup(ROOM)).isEmpty();
    }

    @Test
    void aRoomOfADepartedNodeIsReclaimed() {
        live("n1", "n2");
        directory().claim(on("n1", 1));
        kill("n1");
        assertThat(directory().lookup(ROOM)).contains(on("n1", 1)); // still there until reclaimed
        ClaimResult r = directory().claim(on("n2", 0));
        assertThat(r.won()).isTrue();
        assertThat(directory().lookup(ROOM)).contains(on("n2", 0));
        assertThat(directory().roomsOf("n1")).isEmpty();
        assertThat(directory().roomCounts(List.of("n1")).get("n1").total()).isZero();
        assertThat(directory().roomsOf("n2")).isEqualTo(Map.of(ROOM, 0));
    }

    @Test
    void onlyTheOwnerReleases() {
        live("n1", "n2");
        directory().claim(on("n1", 1));
        assertThat(directory().release(ROOM, "n2")).isFalse();
        assertThat(directory().lookup(ROOM)).isPresent();
        assertThat(directory().release(ROOM, "n1")).isTrue();
        assertThat(directory().lookup(ROOM)).isEmpty();
        assertThat(directory().roomsOf("n1")).isEmpty();
        assertThat(directory().roomCounts(List.of("n1")).get("n1").total()).isZero();
        assertThat(directory().release(ROOM, "n1")).isFalse();
    }

    @Test
    void aReleasedRoomCanBePlacedAnew() {
        live("n1", "n2");
        directory().claim(on("n1", 1));
        directory().release(ROOM, "n1");
        assertThat(directory().claim(on("n2", 0)).won()).isTrue();
    }

    @Test
    void namespacesNeverShareRooms() {
        live("n1", "n2");
        RoomKey a = new RoomKey("a", "same-id");
        RoomKey b = new RoomKey("b", "same-id");
        assertThat(directory().claim(on(a, "n1", 0)).won()).isTrue();
        assertThat(directory().claim(on(b, "n2", 0)).won()).isTrue();
        assertThat(directory().lookup(a).orElseThrow().nodeId()).isEqualTo("n1");
        assertThat(directory().lookup(b).orElseThrow().nodeId()).isEqualTo("n2");
    }

    @Test
    void reassertRebuildsWhatIsMissingAndReportsSplits() {
        live("n1", "n2");
        RoomKey mine = new RoomKey("default", "mine");
        RoomKey taken = new RoomKey("default", "taken");
        RoomKey moved = new RoomKey("default", "moved-worker");
        directory().claim(on(taken, "n2", 0));
        directory().claim(on(moved, "n1", 0));
        Set<RoomKey> split = directory().reassert("n1", Map.of(mine, 1, taken, 2, moved, 3));
        assertThat(split).containsExactly(taken);
        assertThat(directory().lookup(mine).orElseThrow().workerIndex()).isEqualTo(1);
        assertThat(directory().lookup(moved).orElseThrow().workerIndex()).isEqualTo(3);
        assertThat(directory().lookup(taken).orElseThrow().nodeId()).isEqualTo("n2");
        assertThat(directory().roomsOf("n1")).isEqualTo(Map.of(mine, 1, moved, 3));
        assertThat(directory().roomCounts(List.of("n1")).get("n1").byWorker()).isEqualTo(Map.of(1, 1, 3, 1));
        // Idempotent.
        assertThat(directory().reassert("n1", Map.of(mine, 1, moved, 3))).isEmpty();
        assertThat(directory().roomCounts(List.of("n1")).get("n1").total()).isEqualTo(2);
    }

    @Test
    void reassertTakesBackRoomsOfDepartedNodes() {
        live("n1", "n2");
        directory().claim(on("n2", 0));
        kill("n2");
        assertThat(directory().reassert("n1", Map.of(ROOM, 1))).isEmpty();
        assertThat(directory().lookup(ROOM)).map(RoomPlacement::nodeId).contains("n1");
        assertThat(directory().roomsOf("n2")).isEmpty();
    }

    @Test
    void purgeRemovesOnlyADepartedNodesOwnRooms() {
        live("n1", "n2");
        RoomKey other = new RoomKey("default", "other");
        directory().claim(on("n1", 0));
        directory().claim(on(other, "n1", 1));
        assertThat(directory().purgeNode("n1")).isZero(); // live: untouched
        kill("n1");
        directory().claim(on(other, "n2", 0)); // reclaimed meanwhile
        assertThat(directory().purgeNode("n1")).isEqualTo(1);
        assertThat(directory().lookup(ROOM)).isEmpty();
        assertThat(directory().lookup(other)).map(RoomPlacement::nodeId).contains("n2");
        assertThat(directory().roomsOf("n1")).isEmpty();
    }

    @Test
    void simultaneousClaimsHaveExactlyOneWinner() throws Exception {
        String[] nodes = {"n1", "n2", "n3"};
        live(nodes);
        int claims = 200;
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ClaimResult>> futures = new ArrayList<>();
            for (int i = 0; i < claims; i++) {
                RoomPlacement proposal = on(nodes[i % 3], i % 4);
                Callable<ClaimResult> claim = () -> {
                    go.await();
                    return directory().claim(proposal);
                };
                futures.add(pool.submit(claim));
            }
            go.countDown();
            List<ClaimResult> results = new ArrayList<>();
            for (Future<ClaimResult> f : futures) {
                results.add(f.get());
            }
            assertThat(results).filteredOn(ClaimResult::won).hasSize(1);
            RoomPlacement winner = results.stream().filter(ClaimResult::won).findFirst().orElseThrow().placement();
            assertThat(results).allSatisfy(r -> assertThat(r.placement()).isEqualTo(winner));
            assertThat(directory().roomCounts(List.of(nodes)).values().stream().mapToInt(c -> c.total()).sum())
                    .isEqualTo(1);
        } finally {
            pool.shutdownNow();
        }
    }

    private PlaceResult place(RoomPlacement proposal) {
        return directory().placeIfAbsent(new PlaceRequest(ROOM, proposal), registry().generation());
    }

    @Test
    void placeClaimsAFreeRoomOnACurrentViewAndReportsTheClaimantsRooms() {
        live("n1", "n2");
        directory().claim(on(new RoomKey("default", "other"), "n1", 2));
        PlaceResult r = place(on("n1", 2));
        assertThat(r.outcome()).isEqualTo(PlaceResult.Outcome.CLAIMED);
        assertThat(r.placement()).isEqualTo(on("n1", 2));
        assertThat(r.claimantRooms()).isEqualTo(new RoomCounts(Map.of(2, 2)));
        assertThat(r.generation()).isEqualTo(registry().generation());
        assertThat(directory().lookup(ROOM)).contains(on("n1", 2));
        assertThat(directory().roomsOf("n1")).containsEntry(ROOM, 2);
    }

    @Test
    void placeAnswersWithALiveHolderWhateverTheViewOrProposal() {
        live("n1", "n2");
        directory().claim(on("n1", 0));
        long old = registry().generation();
        live("n3"); // the caller's view is now out of date: a held room is still answered
        PlaceResult r = directory().placeIfAbsent(new PlaceRequest(ROOM, on("n2", 3)), old);
        assertThat(r.outcome()).isEqualTo(PlaceResult.Outcome.HELD);
        assertThat(r.placement()).isEqualTo(on("n1", 0));
        assertThat(r.generation()).isEqualTo(registry().generation());
        assertThat(directory().placeIfAbsent(new PlaceRequest(ROOM, null), old).placement()).isEqualTo(on("n1", 0));
        assertThat(directory().roomsOf("n2")).isEmpty();
    }

    @Test
    void placeRefusesAProposalFromAnOutdatedView() {
        live("n1");
        long old = registry().generation();
        live("n2");
        PlaceResult r = directory().placeIfAbsent(new PlaceRequest(ROOM, on("n1", 0)), old);
        assertThat(r.outcome()).isEqualTo(PlaceResult.Outcome.STALE_VIEW);
        assertThat(r.placement()).isNull();
        assertThat(r.generation()).isEqualTo(registry().generation());
        assertThat(directory().lookup(ROOM)).isEmpty();
    }

    @Test
    void placeWithoutAProposalFindsNothing() {
        live("n1");
        assertThat(place(null).outcome()).isEqualTo(PlaceResult.Outcome.ABSENT);
        assertThat(directory().lookup(ROOM)).isEmpty();
    }

    @Test
    void placeRefusesADeadOrDrainingClaimant() {
        live("n1", "n2");
        assertThat(place(on("ghost", 0)).outcome()).isEqualTo(PlaceResult.Outcome.CLAIMANT_UNAVAILABLE);
        registry().setState("n1", NodeState.DRAINING);
        assertThat(place(on("n1", 0)).outcome()).isEqualTo(PlaceResult.Outcome.CLAIMANT_UNAVAILABLE);
        assertThat(directory().lookup(ROOM)).isEmpty();
        assertThat(place(on("n2", 0)).outcome()).isEqualTo(PlaceResult.Outcome.CLAIMED);
    }

    @Test
    void placeTakesOverTheRoomOfADepartedNode() {
        live("n1", "n2");
        directory().claim(on("n1", 1));
        kill("n1");
        PlaceResult r = place(on("n2", 0));
        assertThat(r.outcome()).isEqualTo(PlaceResult.Outcome.CLAIMED);
        assertThat(directory().roomsOf("n1")).isEmpty();
        assertThat(directory().roomsOf("n2")).isEqualTo(Map.of(ROOM, 0));
    }

    @Test
    void aBatchIsAnsweredInOrderAndTheFirstOfTwoRequestsForANewRoomWins() {
        live("n1", "n2");
        RoomKey other = new RoomKey("default", "other");
        directory().claim(on(other, "n2", 1));
        List<PlaceResult> results = directory().placeAll(List.of(
                new PlaceRequest(ROOM, on("n1", 0)),
                new PlaceRequest(ROOM, on("n2", 3)),
                new PlaceRequest(other, on(other, "n1", 0)),
                new PlaceRequest(new RoomKey("default", "nowhere"), null)), registry().generation());
        assertThat(results).extracting(PlaceResult::outcome).containsExactly(PlaceResult.Outcome.CLAIMED,
                PlaceResult.Outcome.HELD, PlaceResult.Outcome.HELD, PlaceResult.Outcome.ABSENT);
        assertThat(results.get(1).placement()).isEqualTo(on("n1", 0));
        assertThat(results.get(2).placement()).isEqualTo(on(other, "n2", 1));
    }
}
