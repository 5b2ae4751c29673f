package org.mscluster.cluster.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.directory.InMemoryRoomDirectory;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.placement.NearestLeastLoadedPolicy;
import org.mscluster.cluster.registry.InMemoryNodeRegistry;
import org.mscluster.cluster.testing.FakeClock;
import org.mscluster.cluster.testing.Nodes;

/**
 * A room whose node dropped out of the registry lately: asked of that node before it is placed
 * afresh; kept there while the node answers that it hosts it, placed afresh when it does not, and
 * after the grace without asking.
 */
class LapsedOwnerProbeTest {
    private static final RoomKey ROOM = new RoomKey("acme", "meeting");
    private static final ClientInfo BERLIN = ClientInfo.of("eu/de/berlin", "");
    private static final Duration GRACE = Duration.ofSeconds(6);

    private final FakeClock clock = new FakeClock();
    private final InMemoryNodeRegistry registry = new InMemoryNodeRegistry(clock, Duration.ofSeconds(3));
    private final InMemoryRoomDirectory directory = new InMemoryRoomDirectory(registry, clock);
    private final AtomicBoolean farHosts = new AtomicBoolean(true);
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private final RoomPlacer placer = new RoomPlacer(registry, directory, new NearestLeastLoadedPolicy(), clock, Duration.ZERO)
            .probeLapsedOwners((node, room) -> {
                asked.add(node.id() + " " + room.roomId() + " " + node.signalingUrl());
                return node.id().equals("far") && farHosts.get();
            }, GRACE);

    private void register(String id, String region) {
        registry.register(new NodeReport(Nodes.identity(id, region, ""), Nodes.idle(2), List.of()));
    }

    /** far's room, then far stops reporting (cut off, or dead) while near goes on. */
    private void farLapses() {
        register("far", "eu/de");
        register("near", "us/east");
        assertThat(placer.dispatch(ROOM, BERLIN).node().id()).isEqualTo("far");
        clock.advance(Duration.ofSeconds(2));
        registry.refresh(Nodes.report("near", Nodes.idle(2)));
        clock.advance(Duration.ofSeconds(2));
        assertThat(registry.isLive("far")).isFalse();
    }

    @Test
    void aLapsedOwnerThatStillHostsTheRoomKeepsIt() {
        farLapses();
        Dispatch d = placer.dispatch(ROOM, BERLIN);
        assertThat(d.node().id()).isEqualTo("far");
        assertThat(d.newlyPlaced()).isFalse();
        assertThat(d.node().signalingUrl()).as("the address the view last had").isEqualTo("ws://far.example:4443/");
        assertThat(asked).containsExactly("far meeting ws://far.example:4443/");
        assertThat(directory.lookup(ROOM).orElseThrow().nodeId()).isEqualTo("far");
        // A batch too.
        assertThat(placer.dispatchAll(List.of(new DispatchRequest(ROOM, BERLIN))).get(0).dispatch().node().id())
                .isEqualTo("far");
    }

    @Test
    void aLapsedOwnerThatDoesNotAnswerLosesTheRoomAtOnce() {
        farLapses();
        farHosts.set(false);
        Dispatch d = placer.dispatch(ROOM, BERLIN);
        assertThat(d.node().id()).isEqualTo("near");
        assertThat(d.newlyPlaced()).isTrue();
        assertThat(asked).hasSize(1);
    }

    @Test
    void aCrowdCostsOneQuestionASecond() {
        farLapses();
        for (int i = 0; i < 5; i++) {
            assertThat(placer.dispatch(ROOM, BERLIN).node().id()).isEqualTo("far");
        }
        assertThat(asked).hasSize(1);
        clock.advance(LapsedNodes.ANSWER_TTL);
        assertThat(placer.dispatch(ROOM, BERLIN).node().id()).isEqualTo("far");
        assertThat(asked).hasSize(2);
    }

    @Test
    void afterTheGraceTheRoomIsPlacedAfreshWithoutAsking() {
        farLapses();
        placer.dispatch(new RoomKey("acme", "other"), BERLIN); // the view notices far left
        for (int second = 0; second < GRACE.toSeconds(); second++) {
            registry.refresh(Nodes.report("near", Nodes.idle(2)));
            clock.advance(Duration.ofSeconds(1));
        }
        Dispatch d = placer.dispatch(ROOM, BERLIN);
        assertThat(d.node().id()).isEqualTo("near");
        assertThat(asked).isEmpty();
    }

    @Test
    void liveOwnersAndFreshRoomsAreNeverAsked() {
        register("far", "eu/de");
        register("near", "us/east");
        placer.dispatch(ROOM, BERLIN);
        placer.dispatch(ROOM, BERLIN);
        placer.dispatch(new RoomKey("acme", "new"), BERLIN);
        assertThat(asked).isEmpty();
    }
}
