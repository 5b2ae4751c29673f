package org.mscluster.cluster.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.directory.InMemoryRoomDirectory;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.placement.Eligibility;
import org.mscluster.cluster.placement.NearestLeastLoadedPolicy;
import org.mscluster.cluster.placement.PlacementChoice;
import org.mscluster.cluster.placement.PlacementSettings;
import org.mscluster.cluster.model.RoomLeg;
import org.mscluster.cluster.registry.InMemoryNodeRegistry;
import org.mscluster.cluster.registry.NodeRegistry;
import org.mscluster.cluster.testing.FakeClock;
import org.mscluster.cluster.testing.Nodes;

class RoomPlacerTest {
    private static final RoomKey ROOM = new RoomKey("default", "r1");
    private static final ClientInfo SHANGHAI = ClientInfo.of("asia/cn/east/sh", "telecom");

    private final FakeClock clock = new FakeClock();
    private final InMemoryNodeRegistry registry = new InMemoryNodeRegistry(clock);
    private final InMemoryRoomDirectory directory = new InMemoryRoomDirectory(registry, clock);
    private final RoomPlacer placer = new RoomPlacer(registry, directory, new NearestLeastLoadedPolicy(), clock);

    private void node(String id, String region, String isp) {
        registry.register(new NodeReport(Nodes.identity(id, region, isp), Nodes.idle(4), List.of()));
    }

    @Test
    void aNewRoomIsPlacedByThePolicyAndClaimed() {
        node("east", "asia/cn/east", "telecom");
        node("de", "europe/de", "");
        Dispatch d = placer.dispatch(ROOM, SHANGHAI);
        assertThat(d.newlyPlaced()).isTrue();
        assertThat(d.node().id()).isEqualTo("east");
        assertThat(d.node().signalingUrl()).isEqualTo("ws://east.example:4443/");
        assertThat(d.placement().workerIndex()).isZero();
        assertThat(d.placement().claimedAt()).isEqualTo(clock.instant());
        assertThat(directory.lookup(ROOM)).contains(d.placement());
    }

    @Test
    void laterClientsJoinTheSamePlacementWhereverTheyComeFrom() {
        node("east", "asia/cn/east", "telecom");
        node("de", "europe/de", "");
        RoomPlacement first = placer.placeRoom(ROOM, SHANGHAI);
        Dispatch second = placer.dispatch(ROOM, ClientInfo.of("europe/de/berlin", ""));
        assertThat(second.placement()).isEqualTo(first);
        assertThat(second.newlyPlaced()).isFalse();
    }

    @Test
    void aRoomStaysOnItsNodeWhileItDrains() {
        node("east", "asia/cn/east", "telecom");
        node("north", "asia/cn/north", "telecom");
        placer.placeRoom(ROOM, SHANGHAI);
        registry.setState("east", NodeState.DRAINING);
        assertThat(placer.placeRoom(ROOM, SHANGHAI).nodeId()).isEqualTo("east");
        assertThat(placer.placeRoom(new RoomKey("default", "new"), SHANGHAI).nodeId()).isEqualTo("north");
    }

    @Test
    void aRoomWhoseNodeDiedIsPlacedAfresh() {
        node("east", "asia/cn/east", "telecom");
        node("north", "asia/cn/north", "telecom");
        placer.placeRoom(ROOM, SHANGHAI);
        clock.advance(Duration.ofSeconds(2));
        registry.refresh(Nodes.report("north", Nodes.idle(4)));
        clock.advance(Duration.ofSeconds(2)); // east silent for 4 s
        Dispatch d = placer.dispatch(ROOM, SHANGHAI);
        assertThat(d.node().id()).isEqualTo("north");
        assertThat(d.newlyPlaced()).isTrue();
    }

    @Test
    void noLiveNode() {
        assertThatThrownBy(() -> placer.placeRoom(ROOM, SHANGHAI))
                .isInstanceOf(NoNodeAvailableException.class)
                .hasMessageContaining("no live media node");
    }

    @Test
    void noEligibleNodeSaysWhy() {
        registry.register(new NodeReport(Nodes.identity("hot", "x", ""), Nodes.cpu(0.99, 2), List.of()));
        registry.register(new NodeReport(Nodes.identity("leaving", "x", "").withState(NodeState.DRAINING), Nodes.idle(2), List.of()));
        assertThatThrownBy(() -> placer.placeRoom(ROOM, SHANGHAI))
                .isInstanceOfSatisfying(NoNodeAvailableException.class, e -> {
                    assertThat(e.reasons()).isEqualTo(Map.of(Eligibility.CPU_OVER_LIMIT, 1, Eligibility.DRAINING, 1));
                    assertThat(e.room()).isEqualTo(ROOM);
                })
                .hasMessageContaining("CPU_OVER_LIMIT");
    }

    @Test
    void aBurstOfNewRoomsSpreadsOverIdenticalNodesAndWorkers() {
        node("n1", "x", "");
        node("n2", "x", "");
        node("n3", "x", "");
        Map<String, Integer> perNode = new HashMap<>();
        Set<String> targets = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            RoomPlacement p = placer.placeRoom(new RoomKey("default", "room-" + i), ClientInfo.unknown());
            perNode.merge(p.nodeId(), 1, Integer::sum);
            targets.add(p.nodeId() + "#" + p.workerIndex());
        }
        assertThat(perNode).isEqualTo(Map.of("n1", 4, "n2", 4, "n3", 4));
        assertThat(targets).hasSize(12); // 3 nodes x 4 workers, one room each
    }

    /**
     * Reports come once a second and placements many times a second: a burst within one report
     * interval must not all go to the node that last reported least loaded, nor to one worker.
     */
    @Test
    void aBurstWithinOneReportIntervalDoesNotPileOntoTheNodeThatLastReportedLeastLoaded() {
        registry.register(new NodeReport(Nodes.identity("quiet", "x", ""), Nodes.cpu(0.10, 4), List.of()));
        registry.register(new NodeReport(Nodes.identity("busy-1", "x", ""), Nodes.cpu(0.20, 4), List.of()));
        registry.register(new NodeReport(Nodes.identity("busy-2", "x", ""), Nodes.cpu(0.20, 4), List.of()));
        Map<String, Integer> perNode = new HashMap<>();
        Map<String, Integer> perWorker = new HashMap<>();
        for (int i = 0; i < 30; i++) { // the clock stands still: no node reports in between
            RoomPlacement p = placer.placeRoom(new RoomKey("default", "burst-" + i), ClientInfo.unknown());
            perNode.merge(p.nodeId(), 1, Integer::sum);
            perWorker.merge(p.nodeId() + "#" + p.workerIndex(), 1, Integer::sum);
        }
        // the quiet node takes the five rooms that make up its 0.10 lead (0.02 each), then the three take turns
        assertThat(perNode).isEqualTo(Map.of("quiet", 13, "busy-1", 9, "busy-2", 8));
        assertThat(perWorker).hasSize(12);
        assertThat(perWorker.values()).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(4));
    }

    @Test
    void aChoiceThatDiedBeforeItsClaimIsChosenAgain() {
        node("real", "x", "");
        AtomicInteger calls = new AtomicInteger();
        RoomPlacer flaky = new RoomPlacer(registry, directory, (candidates, room, client) ->
                Optional.of(calls.getAndIncrement() == 0 ? new PlacementChoice("ghost", 0) : new PlacementChoice("real", 1)),
                clock);
        assertThat(flaky.placeRoom(ROOM, SHANGHAI).nodeId()).isEqualTo("real");
        assertThat(calls).hasValue(2);
    }

    @Test
    void givesUpWhenEveryChoiceIsDead() {
        node("real", "x", "");
        RoomPlacer hopeless = new RoomPlacer(registry, directory,
                (candidates, room, client) -> Optional.of(new PlacementChoice("ghost", 0)), clock);
        assertThatThrownBy(() -> hopeless.placeRoom(ROOM, SHANGHAI)).isInstanceOf(NoNodeAvailableException.class);
    }

    @Test
    void concurrentFirstJoinsThroughTwoPlacersLandTogether() throws Exception {
        node("n1", "x", "");
        node("n2", "x", "");
        RoomPlacer other = new RoomPlacer(registry, directory, new NearestLeastLoadedPolicy(), clock);
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RoomPlacement>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                RoomPlacer p = i % 2 == 0 ? placer : other;
                RoomKey room = new RoomKey("default", "room-" + (i % 10));
                futures.add(pool.submit(() -> {
                    go.await();
                    return p.placeRoom(room, ClientInfo.unknown());
                }));
            }
            go.countDown();
            Map<RoomKey, Set<String>> targets = new HashMap<>();
            for (Future<RoomPlacement> f : futures) {
                RoomPlacement p = f.get();
                targets.computeIfAbsent(p.room(), k -> new HashSet<>()).add(p.nodeId() + "#" + p.workerIndex());
            }
            assertThat(targets).hasSize(10).allSatisfy((room, t) -> assertThat(t).hasSize(1));
        } finally {
            pool.shutdownNow();
        }
    }

    /** The in-memory registry, counting the reads a placer makes of it. */
    private static final class CountingRegistry implements NodeRegistry {
        private final NodeRegistry inner;
        final AtomicInteger reads = new AtomicInteger();
        /** Reads of every node's whole load ({@link #liveNodes}), which a placer never needs. */
        final AtomicInteger wholeReads = new AtomicInteger();

        CountingRegistry(NodeRegistry inner) {
            this.inner = inner;
        }

        @Override public void register(NodeReport report) { inner.register(report); }
        @Override public boolean refresh(NodeReport report) { return inner.refresh(report); }
        @Override public List<NodeReport> reports() { return inner.reports(); }
        @Override public boolean setState(String nodeId, NodeState state) { return inner.setState(nodeId, state); }
        @Override public void deregister(String nodeId) { inner.deregister(nodeId); }
        @Override public Set<String> sweepDeparted() { return inner.sweepDeparted(); }
        @Override public Duration expiry() { return inner.expiry(); }
        @Override public long generation() { return inner.generation(); }

        @Override
        public List<NodeSnapshot> liveNodes() {
            wholeReads.incrementAndGet();
            return inner.liveNodes();
        }

        @Override
        public List<NodeSnapshot> placementNodes() {
            reads.incrementAndGet();
            return inner.placementNodes();
        }

        @Override
        public Optional<NodeSnapshot> find(String nodeId) {
            reads.incrementAndGet();
            return inner.find(nodeId);
        }
    }

    @Test
    void decisionsOnACurrentViewDoNotReadTheRegistry() {
        CountingRegistry counting = new CountingRegistry(registry);
        RoomPlacer cached = new RoomPlacer(counting, directory, new NearestLeastLoadedPolicy(), clock);
        node("east", "asia/cn/east", "telecom");
        node("north", "asia/cn/north", "telecom");
        cached.placeRoom(ROOM, SHANGHAI);
        int afterFirst = counting.reads.get();
        for (int i = 0; i < 50; i++) {
            cached.dispatch(ROOM, SHANGHAI);
            cached.dispatch(new RoomKey("default", "new-" + i), SHANGHAI);
        }
        assertThat(counting.reads.get()).isEqualTo(afterFirst);
        clock.advance(RoomPlacer.DEFAULT_VIEW_MAX_AGE);
        cached.dispatch(ROOM, SHANGHAI);
        assertThat(counting.reads.get()).isGreaterThan(afterFirst); // a second later: read again
        assertThat(counting.wholeReads).hasValue(0); // only the placement figures: see placementNodes
    }

    @Test
    void theViewIsReadAheadOfItsMaxAgeSoThatNoDecisionWaitsForIt() {
        CountingRegistry counting = new CountingRegistry(registry);
        RoomPlacer cached = new RoomPlacer(counting, directory, new NearestLeastLoadedPolicy(), clock);
        node("east", "asia/cn/east", "telecom");
        cached.placeRoom(ROOM, SHANGHAI);
        int afterFirst = counting.reads.get();
        clock.advance(Duration.ofMillis(700));
        cached.refreshViewAhead(); // young: nothing read
        assertThat(counting.reads.get()).isEqualTo(afterFirst);
        clock.advance(Duration.ofMillis(50)); // three quarters of the max age
        cached.refreshViewAhead();
        assertThat(counting.reads.get()).isEqualTo(afterFirst + 1);
        clock.advance(Duration.ofMillis(500)); // 1.25 s after the first read, 0.5 s after this one
        cached.dispatch(ROOM, SHANGHAI);
        assertThat(counting.reads.get()).as("the decision found a view younger than its max age").isEqualTo(afterFirst + 1);
    }

    @Test
    void withAZeroMaxAgeNothingIsReadAhead() {
        CountingRegistry counting = new CountingRegistry(registry);
        RoomPlacer uncached = new RoomPlacer(counting, directory, new NearestLeastLoadedPolicy(), clock, Duration.ZERO);
        node("east", "asia/cn/east", "telecom");
        uncached.placeRoom(ROOM, SHANGHAI);
        int afterFirst = counting.reads.get();
        clock.advance(Duration.ofSeconds(5));
        uncached.refreshViewAhead(); // each decision reads the view anyway
        assertThat(counting.reads.get()).isEqualTo(afterFirst);
    }

    @Test
    void aNodeThatJoinsIsConsideredForTheVeryNextNewRoom() {
        node("north", "asia/cn/north", "telecom");
        assertThat(placer.placeRoom(new RoomKey("default", "before"), SHANGHAI).nodeId()).isEqualTo("north");
        node("east", "asia/cn/east", "telecom"); // no time passes: the view is out of date
        Dispatch d = placer.dispatch(new RoomKey("default", "after"), SHANGHAI);
        assertThat(d.node().id()).isEqualTo("east");
        assertThat(d.newlyPlaced()).isTrue();
    }

    @Test
    void aResumedNodeTakesNewRoomsAtOnce() {
        node("east", "asia/cn/east", "telecom");
        node("north", "asia/cn/north", "telecom");
        registry.setState("east", NodeState.DRAINING);
        assertThat(placer.placeRoom(new RoomKey("default", "a"), SHANGHAI).nodeId()).isEqualTo("north");
        registry.setState("east", NodeState.UP);
        assertThat(placer.placeRoom(new RoomKey("default", "b"), SHANGHAI).nodeId()).isEqualTo("east");
    }

    @Test
    void loadReportsAreSeenWithinTheViewsMaxAge() {
        registry.register(new NodeReport(Nodes.identity("east", "asia/cn/east", "telecom"), Nodes.cpu(0.99, 2), List.of()));
        node("north", "asia/cn/north", "telecom");
        assertThat(placer.placeRoom(new RoomKey("default", "a"), SHANGHAI).nodeId()).isEqualTo("north");
        clock.advance(Duration.ofMillis(500));
        registry.refresh(Nodes.report("east", Nodes.idle(2)));
        registry.refresh(Nodes.report("north", Nodes.idle(2)));
        clock.advance(Duration.ofMillis(500));
        assertThat(placer.placeRoom(new RoomKey("default", "b"), SHANGHAI).nodeId()).isEqualTo("east");
    }

    @Test
    void aHeldRoomIsAnsweredWithItsOwnersCurrentIdentity() {
        node("east", "asia/cn/east", "telecom");
        placer.placeRoom(ROOM, SHANGHAI);
        // The node restarts elsewhere under the same id and re-asserts its room.
        registry.register(new NodeReport(NodeIdentity.builder("east").region("asia/cn/east").signalingUrl("ws://moved.example:4443/")
                .build(), Nodes.idle(4), List.of()));
        assertThat(placer.dispatch(ROOM, SHANGHAI).node().signalingUrl()).isEqualTo("ws://moved.example:4443/");
    }

    @Test
    void aBatchGetsWhatSingleCallsWouldAndKeepsRoomsWhole() {
        node("east", "asia/cn/east", "telecom");
        node("de", "europe/de", "");
        RoomPlacement existing = placer.placeRoom(ROOM, ClientInfo.of("europe/de/berlin", ""));
        RoomKey fresh = new RoomKey("default", "fresh");
        List<DispatchOutcome> out = placer.dispatchAll(List.of(
                new DispatchRequest(ROOM, SHANGHAI),
                new DispatchRequest(fresh, SHANGHAI),
                new DispatchRequest(fresh, ClientInfo.of("europe/de/berlin", "")),
                new DispatchRequest(new RoomKey("b", "x"), SHANGHAI)));
        assertThat(out).allSatisfy(o -> assertThat(o.succeeded()).isTrue());
        assertThat(out.get(0).get().placement()).isEqualTo(existing);
        assertThat(out.get(0).get().newlyPlaced()).isFalse();
        assertThat(out.get(1).get().node().id()).isEqualTo("east");
        assertThat(out.get(1).get().newlyPlaced()).isTrue();
        assertThat(out.get(2).get().placement()).isEqualTo(out.get(1).get().placement());
        assertThat(out.get(2).get().newlyPlaced()).isFalse();
        assertThat(out.get(3).get().node().id()).isEqualTo("east");
    }

    @Test
    void aBatchReportsFailuresPerRequest() {
        node("east", "asia/cn/east", "telecom");
        placer.placeRoom(ROOM, SHANGHAI);
        registry.setState("east", NodeState.DRAINING);
        List<DispatchOutcome> out = placer.dispatchAll(List.of(
                new DispatchRequest(ROOM, SHANGHAI), new DispatchRequest(new RoomKey("default", "new"), SHANGHAI)));
        assertThat(out.get(0).get().node().id()).isEqualTo("east");
        assertThat(out.get(1).succeeded()).isFalse();
        assertThatThrownBy(out.get(1)::get).isInstanceOf(NoNodeAvailableException.class).hasMessageContaining("DRAINING");
    }

    @Test
    void thePipelineAnswersConcurrentRequestsAndKeepsRoomsWhole() throws Exception {
        node("n1", "x", "");
        node("n2", "x", "");
        Map<RoomKey, Set<String>> targets = new HashMap<>();
        try (DispatchPipeline pipeline = new DispatchPipeline(placer, 3, 16)) {
            List<CompletableFuture<Dispatch>> answers = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                answers.add(pipeline.dispatch(new RoomKey("default", "room-" + (i % 25)), ClientInfo.unknown()));
            }
            for (CompletableFuture<Dispatch> a : answers) {
                RoomPlacement p = a.get(10, TimeUnit.SECONDS).placement();
                targets.computeIfAbsent(p.room(), k -> new HashSet<>()).add(p.nodeId() + "#" + p.workerIndex());
            }
            long newlyPlaced = answers.stream().filter(a -> a.join().newlyPlaced()).count();
            assertThat(newlyPlaced).isEqualTo(25);
        }
        assertThat(targets).hasSize(25).allSatisfy((room, t) -> assertThat(t).hasSize(1));
    }

    @Test
    void thePipelinePassesFailuresOnAndRefusesWorkOnceClosed() {
        DispatchPipeline pipeline = new DispatchPipeline(placer, 1);
        CompletableFuture<Dispatch> noNodes = pipeline.dispatch(ROOM, SHANGHAI);
        assertThatThrownBy(() -> noNodes.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(NoNodeAvailableException.class);
        pipeline.close();
        assertThat(pipeline.dispatch(ROOM, SHANGHAI)).isCompletedExceptionally();
        assertThatThrownBy(() -> pipeline.dispatch(ROOM, SHANGHAI).join()).hasCauseInstanceOf(RejectedExecutionException.class);
    }

    private RoomPlacer cascading(int legCapacity) {
        return new RoomPlacer(registry, directory, new NearestLeastLoadedPolicy(
                PlacementSettings.builder().cascade(true).legCapacity(legCapacity).build()), clock);
    }

    @Test
    void withCascadeEachPeerJoinsTheLegNearestToIt() {
        node("de", "eu/de", "");
        node("fr", "eu/fr", "");
        node("us", "us/east", "");
        RoomPlacer cascade = cascading(3);
        assertThat(cascade.cascade()).isTrue();
        assertThat(placer.cascade()).isFalse();
        ClientInfo berlin = ClientInfo.of("eu/de/berlin", "");
        Dispatch first = cascade.dispatch(ROOM, berlin);
        assertThat(first.node().id()).isEqualTo("de");
        assertThat(first.newlyPlaced()).isTrue();
        assertThat(first.newLeg()).isFalse();
        Dispatch paris = cascade.dispatch(ROOM, ClientInfo.of("eu/fr/paris", ""));
        assertThat(paris.node().id()).isEqualTo("fr");
        assertThat(paris.newLeg()).isTrue();
        assertThat(paris.newlyPlaced()).isFalse();
        Dispatch ny = cascade.dispatch(ROOM, ClientInfo.of("us/east/ny", ""));
        assertThat(ny.node().id()).isEqualTo("us");
        assertThat(ny.newLeg()).isTrue();
        Dispatch again = cascade.dispatch(ROOM, berlin);
        assertThat(again.placement()).isEqualTo(first.placement());
        assertThat(again.newLeg()).isFalse();
        assertThat(directory.lookup(ROOM)).contains(first.placement()); // the entry stays the first leg
        assertThat(directory.legs(ROOM)).extracting(RoomLeg::nodeId, RoomLeg::peers).containsExactly(
                org.assertj.core.groups.Tuple.tuple("de", 2), org.assertj.core.groups.Tuple.tuple("fr", 1),
                org.assertj.core.groups.Tuple.tuple("us", 1));
        // The German leg is full at 3: the next Berliner spills over to the next nearest node with a leg
        // free, the French one (every node has a leg, so no new one).
        cascade.dispatch(ROOM, berlin);
        assertThat(cascade.dispatch(ROOM, berlin).node().id()).isEqualTo("fr");
        // The plain placer still sends everyone to the room's entry.
        assertThat(placer.dispatch(ROOM, ClientInfo.of("us/east/ny", "")).placement()).isEqualTo(first.placement());
    }

    @Test
    void withCascadeABatchForOneRoomOpensOneLegPerRegion() {
        node("de", "eu/de", "");
        node("us", "us/east", "");
        node("sg", "asia/sg", "");
        RoomPlacer cascade = cascading(100);
        String[] regions = {"eu/de/berlin", "us/east/ny", "asia/sg/central"};
        List<DispatchRequest> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            batch.add(new DispatchRequest(ROOM, ClientInfo.of(regions[i % 3], "")));
        }
        cascade.dispatch(ROOM, ClientInfo.of("eu/de/berlin", "")); // the room exists: the batch enters legs
        List<DispatchOutcome> out = cascade.dispatchAll(batch);
        for (int i = 0; i < out.size(); i++) {
            Dispatch d = out.get(i).get();
            assertThat(regions[i % 3]).startsWith(d.node().region().toString());
        }
        assertThat(out.stream().filter(o -> o.get().newLeg()).count()).isEqualTo(2);
        assertThat(directory.legs(ROOM)).extracting(RoomLeg::nodeId).containsExactly("de", "sg", "us"); // same since: by id
        assertThat(directory.legs(ROOM).stream().mapToInt(RoomLeg::peers).sum()).isEqualTo(31);
    }

    @Test
    void withCascadeARoomWhoseFirstLegsNodeDiedStaysWithItsOtherLeg() {
        node("de", "eu/de", "");
        node("us", "us/east", "");
        RoomPlacer cascade = cascading(100);
        cascade.dispatch(ROOM, ClientInfo.of("eu/de/berlin", ""));
        RoomPlacement usLeg = cascade.dispatch(ROOM, ClientInfo.of("us/east/ny", "")).placement();
        clock.advance(Duration.ofSeconds(2));
        registry.refresh(Nodes.report("us", Nodes.idle(4)));
        clock.advance(Duration.ofSeconds(2)); // de silent for 4 s
        Dispatch d = cascade.dispatch(ROOM, ClientInfo.of("eu/de/berlin", ""));
        assertThat(d.placement()).isEqualTo(usLeg);
        assertThat(d.newlyPlaced()).isFalse();
        assertThat(directory.lookup(ROOM)).contains(usLeg);
    }
}
