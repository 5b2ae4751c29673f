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
import org.mscluster.cluster.model.RoomLeg;
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

    // Legs (cascade)

    private LegResult open(String node, int worker, Instant since) {
        return directory().enterLeg(LegRequest.open(ROOM, node, worker, since), registry().generation());
    }

    private LegResult join(String node) {
        return directory().enterLeg(LegRequest.join(ROOM, node), registry().generation());
    }

    private List<String> legNodes() {
        return directory().legs(ROOM).stream().map(RoomLeg::nodeId).toList();
    }

    @Test
    void legsAreListedEntryFirstThenOldestAndIndexedAsRooms() {
        live("n1", "n2", "n3");
        assertThat(directory().legs(ROOM)).isEmpty();
        directory().claim(on("n1", 0));
        assertThat(directory().legs(ROOM)).containsExactly(new RoomLeg("n1", 0, SINCE, 0));
        LegResult r3 = open("n3", 2, SINCE.plusSeconds(2));
        LegResult r2 = open("n2", 1, SINCE.plusSeconds(1));
        assertThat(r3.outcome()).isEqualTo(LegResult.Outcome.OPENED);
        assertThat(r3.leg()).isEqualTo(new RoomLeg("n3", 2, SINCE.plusSeconds(2), 1));
        assertThat(r3.nodeRooms()).isEqualTo(new RoomCounts(Map.of(2, 1)));
        assertThat(r2.legs()).extracting(RoomLeg::nodeId).containsExactly("n1", "n2", "n3");
        assertThat(directory().legs(ROOM)).containsExactly(new RoomLeg("n1", 0, SINCE, 0),
                new RoomLeg("n2", 1, SINCE.plusSeconds(1), 1), new RoomLeg("n3", 2, SINCE.plusSeconds(2), 1));
        assertThat(directory().lookup(ROOM)).contains(on("n1", 0)); // the entry is the primary leg, unchanged
        assertThat(directory().roomsOf("n2")).isEqualTo(Map.of(ROOM, 1));
        assertThat(directory().roomCounts(List.of("n1", "n2", "n3"))).isEqualTo(Map.of(
                "n1", new RoomCounts(Map.of(0, 1)), "n2", new RoomCounts(Map.of(1, 1)), "n3", new RoomCounts(Map.of(2, 1))));
    }

    @Test
    void joiningCountsAPeerAndTheNodesReportOverwritesTheCount() {
        live("n1", "n2", "n3");
        directory().claim(on("n1", 0));
        assertThat(join("n1").leg().peers()).isEqualTo(1);
        assertThat(join("n1").leg().peers()).isEqualTo(2);
        open("n2", 3, SINCE);
        LegResult j = join("n2");
        assertThat(j.outcome()).isEqualTo(LegResult.Outcome.JOINED);
        assertThat(j.leg()).isEqualTo(new RoomLeg("n2", 3, SINCE, 2));
        directory().reportLegPeers(ROOM, "n2", 7);
        directory().reportLegPeers(ROOM, "n1", 5);
        directory().reportLegPeers(ROOM, "n3", 9); // no leg there: nothing written
        assertThat(directory().legs(ROOM)).extracting(RoomLeg::nodeId, RoomLeg::peers)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("n1", 5), org.assertj.core.groups.Tuple.tuple("n2", 7));
        assertThat(directory().roomsOf("n3")).isEmpty();
        assertThat(directory().reassert("n2", Map.of(ROOM, 3))).isEmpty(); // a node's own leg is not split
    }

    @Test
    void openingALegOnANodeThatHasOneJoinsIt() {
        live("n1", "n2");
        directory().claim(on("n1", 0));
        LegResult onEntry = open("n1", 3, SINCE);
        assertThat(onEntry.outcome()).isEqualTo(LegResult.Outcome.JOINED);
        assertThat(onEntry.leg().workerIndex()).isZero();
        open("n2", 1, SINCE);
        LegResult again = open("n2", 2, SINCE.plusSeconds(5));
        assertThat(again.outcome()).isEqualTo(LegResult.Outcome.JOINED);
        assertThat(again.leg()).isEqualTo(new RoomLeg("n2", 1, SINCE, 2));
        assertThat(legNodes()).containsExactly("n1", "n2");
        assertThat(directory().roomCounts(List.of("n2")).get("n2").total()).isEqualTo(1);
    }

    @Test
    void openingIsCheckedLikeAClaim() {
        live("n1", "n2");
        directory().claim(on("n1", 0));
        long old = registry().generation();
        live("n3");
        LegResult stale = directory().enterLeg(LegRequest.open(ROOM, "n2", 0, SINCE), old);
        assertThat(stale.outcome()).isEqualTo(LegResult.Outcome.STALE_VIEW);
        assertThat(stale.legs()).extracting(RoomLeg::nodeId).containsExactly("n1");
        assertThat(open("ghost", 0, SINCE).outcome()).isEqualTo(LegResult.Outcome.NODE_UNAVAILABLE);
        registry().setState("n2", NodeState.DRAINING);
        assertThat(open("n2", 0, SINCE).outcome()).isEqualTo(LegResult.Outcome.NODE_UNAVAILABLE);
        assertThat(legNodes()).containsExactly("n1");
        assertThat(directory().roomsOf("n2")).isEmpty();
    }

    @Test
    void joiningALegThatIsNotThereSaysSoAndOpeningOnAFreeRoomClaimsIt() {
        live("n1", "n2");
        assertThat(join("n1").outcome()).isEqualTo(LegResult.Outcome.FREE);
        directory().claim(on("n1", 0));
        LegResult gone = join("n2");
        assertThat(gone.outcome()).isEqualTo(LegResult.Outcome.GONE);
        assertThat(gone.legs()).extracting(RoomLeg::nodeId).containsExactly("n1");
        directory().release(ROOM, "n1");
        LegResult claimed = open("n2", 1, SINCE);
        assertThat(claimed.outcome()).isEqualTo(LegResult.Outcome.CLAIMED);
        assertThat(claimed.leg()).isEqualTo(new RoomLeg("n2", 1, SINCE, 1));
        assertThat(directory().lookup(ROOM)).contains(on("n2", 1));
        assertThat(directory().roomsOf("n2")).isEqualTo(Map.of(ROOM, 1));
    }

    @Test
    void releasingALegKeepsTheRoomAndReleasingTheEntryPromotesTheOldestLeg() {
        live("n1", "n2", "n3");
        directory().claim(on("n1", 0));
        open("n3", 3, SINCE.plusSeconds(1));
        open("n2", 2, SINCE.plusSeconds(2));
        assertThat(directory().release(ROOM, "ghost")).isFalse();
        assertThat(directory().release(ROOM, "n1")).isTrue();
        assertThat(directory().lookup(ROOM)).contains(new RoomPlacement(ROOM, "n3", 3, SINCE.plusSeconds(1)));
        assertThat(legNodes()).containsExactly("n3", "n2");
        assertThat(directory().roomsOf("n1")).isEmpty();
        assertThat(directory().roomsOf("n3")).isEqualTo(Map.of(ROOM, 3));
        assertThat(directory().claim(on("n1", 0)).outcome()).isEqualTo(ClaimResult.Outcome.HELD);
        assertThat(directory().release(ROOM, "n2")).isTrue();
        assertThat(legNodes()).containsExactly("n3");
        assertThat(directory().roomsOf("n2")).isEmpty();
        assertThat(directory().release(ROOM, "n2")).isFalse();
        assertThat(directory().release(ROOM, "n3")).isTrue();
        assertThat(directory().legs(ROOM)).isEmpty();
        assertThat(directory().lookup(ROOM)).isEmpty();
        assertThat(directory().claim(on("n1", 0)).won()).isTrue();
    }

    @Test
    void aRoomWhoseEntrysNodeDiedIsHeldByItsLiveLegNotFree() {
        live("n1", "n2", "n3");
        directory().claim(on("n1", 0));
        open("n2", 2, SINCE.plusSeconds(1));
        kill("n1");
        ClaimResult c = directory().claim(on("n3", 1));
        assertThat(c.outcome()).isEqualTo(ClaimResult.Outcome.HELD);
        assertThat(c.placement()).isEqualTo(new RoomPlacement(ROOM, "n2", 2, SINCE.plusSeconds(1)));
        PlaceResult p = directory().placeIfAbsent(new PlaceRequest(ROOM, on("n3", 1), true), registry().generation());
        assertThat(p.outcome()).isEqualTo(PlaceResult.Outcome.HELD);
        assertThat(p.legs()).containsExactly(new RoomLeg("n2", 2, SINCE.plusSeconds(1), 1));
        assertThat(directory().roomsOf("n1")).isEmpty();
        assertThat(directory().roomsOf("n3")).isEmpty();
        assertThat(directory().lookup(ROOM).orElseThrow().nodeId()).isEqualTo("n2");
    }

    @Test
    void aPlaceWithoutLegsIsHeldByALiveLegToo() {
        live("n1", "n2", "n3");
        directory().claim(on("n1", 0));
        open("n2", 2, SINCE);
        kill("n1");
        PlaceResult p = place(on("n3", 1));
        assertThat(p.outcome()).isEqualTo(PlaceResult.Outcome.HELD);
        assertThat(p.placement().nodeId()).isEqualTo("n2");
        assertThat(p.legs()).isEmpty(); // not asked for
    }

    @Test
    void legsOfDepartedNodesAreDroppedWhenMetAndByPurge() {
        live("n1", "n2", "n3");
        RoomKey other = new RoomKey("default", "other");
        directory().claim(on("n1", 0));
        open("n2", 1, SINCE);
        open("n3", 1, SINCE);
        directory().claim(on(other, "n2", 0));
        directory().enterLeg(LegRequest.open(other, "n1", 2, SINCE), registry().generation());
        kill("n3");
        assertThat(legNodes()).containsExactly("n1", "n2");
        assertThat(directory().roomsOf("n3")).isEmpty();
        kill("n1");
        assertThat(directory().purgeNode("n1")).isEqualTo(2);
        assertThat(directory().lookup(ROOM).orElseThrow().nodeId()).isEqualTo("n2");
        assertThat(legNodes()).containsExactly("n2");
        assertThat(directory().legs(other)).extracting(RoomLeg::nodeId).containsExactly("n2");
        assertThat(directory().roomsOf("n1")).isEmpty();
        assertThat(directory().roomsOf("n2")).isEqualTo(Map.of(ROOM, 1, other, 0));
    }

    @Test
    void reassertAsLegsJoinsARoomAnotherNodeHolds() {
        live("n1", "n2");
        RoomKey mine = new RoomKey("default", "mine");
        directory().claim(on("n2", 0));
        assertThat(directory().reassert("n1", Map.of(ROOM, 1))).containsExactly(ROOM); // without legs: split
        assertThat(directory().reassert("n1", Map.of(ROOM, 1, mine, 2), true)).isEmpty();
        assertThat(directory().legs(ROOM)).extracting(RoomLeg::nodeId, RoomLeg::workerIndex)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("n2", 0), org.assertj.core.groups.Tuple.tuple("n1", 1));
        assertThat(directory().lookup(mine).orElseThrow().nodeId()).isEqualTo("n1");
        assertThat(directory().roomsOf("n1")).isEqualTo(Map.of(ROOM, 1, mine, 2));
        // Idempotent, and a moved worker is taken over.
        assertThat(directory().reassert("n1", Map.of(ROOM, 3, mine, 2), true)).isEmpty();
        assertThat(directory().reassert("n1", Map.of(ROOM, 3, mine, 2))).isEmpty();
        assertThat(legNodes()).containsExactly("n2", "n1");
        assertThat(directory().roomCounts(List.of("n1")).get("n1").byWorker()).isEqualTo(Map.of(3, 1, 2, 1));
    }

    @Test
    void placeWithLegsAnswersEveryLiveLegAndClaimsWithTheFirstPeer() {
        live("n1", "n2");
        PlaceResult claimed = directory().placeIfAbsent(new PlaceRequest(ROOM, on("n1", 0), true), registry().generation());
        assertThat(claimed.outcome()).isEqualTo(PlaceResult.Outcome.CLAIMED);
        open("n2", 1, SINCE);
        PlaceResult held = directory().placeIfAbsent(new PlaceRequest(ROOM, on("n2", 0), true), registry().generation());
        assertThat(held.placement()).isEqualTo(on("n1", 0));
        assertThat(held.legs()).containsExactly(new RoomLeg("n1", 0, SINCE, 1), new RoomLeg("n2", 1, SINCE, 1));
        assertThat(place(on("n2", 0)).legs()).isEmpty();
    }

    @Test
    void manyPeersOpeningLegsOnTheSameNodesAtOnceNeverPutTwoLegsOnANode() throws Exception {
        String[] nodes = {"n1", "n2", "n3", "n4"};
        live(nodes);
        int peers = 200;
        long generation = registry().generation();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<LegResult>> futures = new ArrayList<>();
            for (int i = 0; i < peers; i++) {
                LegRequest r = i % 5 == 4 ? LegRequest.join(ROOM, nodes[i % 4])
                        : LegRequest.open(ROOM, nodes[i % 4], i % 3, SINCE.plusMillis(i));
                futures.add(pool.submit(() -> {
                    go.await();
                    return directory().enterLeg(r, generation);
                }));
            }
            go.countDown();
            int entered = 0;
            Map<LegResult.Outcome, Integer> outcomes = new java.util.EnumMap<>(LegResult.Outcome.class);
            for (Future<LegResult> f : futures) {
                LegResult r = f.get();
                outcomes.merge(r.outcome(), 1, Integer::sum);
                entered += r.entered() ? 1 : 0;
            }
            assertThat(outcomes.get(LegResult.Outcome.CLAIMED)).isEqualTo(1);
            assertThat(outcomes.get(LegResult.Outcome.OPENED)).isEqualTo(3);
            List<RoomLeg> legs = directory().legs(ROOM);
            assertThat(legs).extracting(RoomLeg::nodeId).doesNotHaveDuplicates().containsExactlyInAnyOrder(nodes);
            assertThat(legs.stream().mapToInt(RoomLeg::peers).sum()).isEqualTo(entered);
            assertThat(directory().roomCounts(List.of(nodes)).values()).allSatisfy(c -> assertThat(c.total()).isEqualTo(1));
        } finally {
            pool.shutdownNow();
        }
    }
}
