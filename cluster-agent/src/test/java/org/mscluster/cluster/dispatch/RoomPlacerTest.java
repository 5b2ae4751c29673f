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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.directory.InMemoryRoomDirectory;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.placement.Eligibility;
import org.mscluster.cluster.placement.NearestLeastLoadedPolicy;
import org.mscluster.cluster.placement.PlacementChoice;
import org.mscluster.cluster.registry.InMemoryNodeRegistry;
import org.mscluster.cluster.testing.FakeClock;
import org.mscluster.cluster.testing.Nodes;

class RoomPlacerTest {
    private static final RoomKey ROOM = new RoomKey("default", "r1");
    private static final ClientInfo SHANGHAI = ClientInfo.of("asia/cn/east/sh", "telecom");

    private final FakeClock clock = new FakeClock();
    private final InMemoryNodeRegistry registry = new InMemoryNodeRegistry(clock);
    private final InMemoryRoomDirectory directory = new InMemoryRoomDirectory(registry::isLive, clock);
    private final RoomPlacer placer = new RoomPlacer(registry, directory, new NearestLeastLoadedPolicy(), clock);

    private void node(String id, String region, String isp) {
        registry.register(Nodes.identity(id, region, isp), Nodes.idle(4));
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
        registry.refresh("north", Nodes.idle(4));
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
        registry.register(Nodes.identity("hot", "x", ""), Nodes.cpu(0.99, 2));
        registry.register(Nodes.identity("leaving", "x", "").withState(NodeState.DRAINING), Nodes.idle(2));
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
}
