package org.mscluster.cluster.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.agent.NodeHeartbeat.Outcome;
import org.mscluster.cluster.directory.InMemoryRoomDirectory;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.registry.InMemoryNodeRegistry;
import org.mscluster.cluster.registry.NodeRegistry;
import org.mscluster.cluster.testing.FakeClock;
import org.mscluster.cluster.testing.Nodes;

class ClusterAgentTest {
    private static final RoomKey R1 = new RoomKey("default", "r1");
    private static final RoomKey R2 = new RoomKey("default", "r2");

    private final FakeClock clock = new FakeClock();
    // A one-hour lease on the fake clock and a half-hour interval on the real one: the scheduled
    // beat never fires during a test, which drives beats by hand and moves the fake clock instead.
    private static final Duration LEASE = Duration.ofHours(1);
    private final InMemoryNodeRegistry registry = new InMemoryNodeRegistry(clock, LEASE);
    private final InMemoryRoomDirectory directory = new InMemoryRoomDirectory(registry, clock);
    private final NodeIdentity self = Nodes.identity("self", "asia/cn/east", "telecom");
    private final Map<RoomKey, Integer> hosting = new ConcurrentHashMap<>();
    private final List<Set<RoomKey>> splits = new CopyOnWriteArrayList<>();

    private ClusterAgent agent() {
        return ClusterAgent.builder().registry(registry).directory(directory).identity(self)
                .load(() -> Nodes.idle(2)).ownRooms(() -> Map.copyOf(hosting)).onSplitRooms(splits::add)
                .interval(LEASE.dividedBy(2))
                .build();
    }

    private static ClusterAgent.Builder withExpiry(NodeRegistry r) {
        return ClusterAgent.builder().registry(r);
    }

    @Test
    void startRegistersTheNode() {
        try (ClusterAgent agent = agent()) {
            agent.start();
            assertThat(registry.find("self")).map(NodeSnapshot::identity).contains(self);
        }
    }

    @Test
    void aPublishedReportIsTheNodesOneWriteWithTheAgentsIdentity() {
        List<NodeReport> written = new CopyOnWriteArrayList<>();
        NodeRegistry counting = new CountingRegistry(registry, written);
        try (ClusterAgent agent = ClusterAgent.builder().registry(counting).directory(directory).identity(self)
                .report(() -> Nodes.report("stale-identity", Nodes.idle(2))).interval(LEASE.dividedBy(2)).build()) {
            agent.start();
            agent.drain();
            for (int i = 1; i <= 3; i++) {
                agent.publish(Nodes.report("stale-identity", Nodes.cpu(i / 10.0, 2)));
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> written.size() == 4);
            assertThat(written).extracting(r -> r.load().cpu()).containsExactly(0.0, 0.1, 0.2, 0.3);
            assertThat(written.subList(1, 4)).allSatisfy(r -> assertThat(r.identity()).isEqualTo(self.withState(NodeState.DRAINING)));
        }
    }

    @Test
    void theScheduleWritesOnlyWhenNothingWasPublishedForOneAndAHalfIntervals() throws Exception {
        List<NodeReport> written = new CopyOnWriteArrayList<>();
        var realClockRegistry = new InMemoryNodeRegistry(java.time.Clock.systemUTC(), Duration.ofSeconds(3));
        var dir = new InMemoryRoomDirectory(realClockRegistry, java.time.Clock.systemUTC());
        NodeRegistry counting = new CountingRegistry(realClockRegistry, written);
        // The schedule's own sample reads 0.9, what the node publishes 0.1: each write says who made it.
        try (ClusterAgent agent = ClusterAgent.builder().registry(counting).directory(dir).identity(self)
                .report(() -> Nodes.report("self", Nodes.cpu(0.9, 1))).interval(Duration.ofMillis(400)).build()) {
            agent.start();
            long until = System.nanoTime() + Duration.ofMillis(1_500).toNanos();
            while (System.nanoTime() < until) {
                agent.publish(Nodes.report("self", Nodes.cpu(0.1, 1)));
                Thread.sleep(100);
            }
            assertThat(written.subList(1, written.size())).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.load().cpu()).isEqualTo(0.1));
            int published = written.size();
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(3)).until(() -> written.size() >= published + 2);
            assertThat(written.subList(published, written.size())).allSatisfy(r -> assertThat(r.load().cpu()).isEqualTo(0.9));
        }
    }

    @Test
    void anAgentListensForCommandsFromStartToClose() {
        var commands = new org.mscluster.cluster.command.InMemoryNodeCommands();
        var drain = org.mscluster.cluster.command.AdminCommand.drain();
        List<org.mscluster.cluster.command.AdminCommand> received = new CopyOnWriteArrayList<>();
        ClusterAgent agent = ClusterAgent.builder().registry(registry).directory(directory).identity(self)
                .load(() -> Nodes.idle(1)).interval(LEASE.dividedBy(2)).commands(commands, command -> {
                    received.add(command);
                    return java.util.concurrent.CompletableFuture.completedFuture(
                            org.mscluster.cluster.command.ActionResult.done("draining"));
                }).build();
        assertThat(commands.post("self", drain)).isFalse();
        agent.start();
        assertThat(agent.takesCommands()).isTrue();
        assertThat(commands.send("self", drain, Duration.ofSeconds(1)).ok()).isTrue();
        agent.close();
        assertThat(agent.takesCommands()).isFalse();
        assertThat(commands.post("self", drain)).isFalse();
        assertThat(received).containsExactly(drain);
    }

    @Test
    void withCascadeARoomAnotherNodeTookIsReassertedAsALegNotSplit() {
        RoomKey shared = new RoomKey("default", "shared");
        registry.register(Nodes.report(Nodes.identity("other", "europe/de", ""), Nodes.idle(2)));
        directory.claim(new org.mscluster.cluster.model.RoomPlacement(shared, "other", 0, clock.instant()));
        hosting.put(shared, 1);
        NodeHeartbeat plain = new NodeHeartbeat(registry, directory, () -> self,
                () -> Nodes.report(self, Nodes.idle(2)), () -> Map.copyOf(hosting), splits::add);
        NodeHeartbeat cascading = new NodeHeartbeat(registry, directory, () -> self,
                () -> Nodes.report(self, Nodes.idle(2)), () -> Map.copyOf(hosting), splits::add, true);
        assertThat(plain.beat()).isEqualTo(Outcome.REREGISTERED);
        assertThat(splits).containsExactly(Set.of(shared));
        registry.deregister("self");
        assertThat(cascading.beat()).isEqualTo(Outcome.REREGISTERED);
        assertThat(splits).hasSize(1);
        assertThat(directory.legs(shared)).extracting(org.mscluster.cluster.model.RoomLeg::nodeId)
                .containsExactly("other", "self");
    }

    /** The registry, recording every report written to it (register and refresh). */
    private static final class CountingRegistry implements NodeRegistry {
        private final NodeRegistry inner;
        private final List<NodeReport> written;

        CountingRegistry(NodeRegistry inner, List<NodeReport> written) {
            this.inner = inner;
            this.written = written;
        }

        @Override public void register(NodeReport report) { written.add(report); inner.register(report); }
        @Override public boolean refresh(NodeReport report) { written.add(report); return inner.refresh(report); }
        @Override public List<NodeReport> reports() { return inner.reports(); }
        @Override public boolean setState(String nodeId, NodeState state) { return inner.setState(nodeId, state); }
        @Override public void deregister(String nodeId) { inner.deregister(nodeId); }
        @Override public List<NodeSnapshot> liveNodes() { return inner.liveNodes(); }
        @Override public Optional<NodeSnapshot> find(String nodeId) { return inner.find(nodeId); }
        @Override public Set<String> sweepDeparted() { return inner.sweepDeparted(); }
        @Override public Duration expiry() { return inner.expiry(); }
    }

    @Test
    void closeDeregisters() {
        ClusterAgent agent = agent();
        agent.start();
        agent.close();
        assertThat(registry.isLive("self")).isFalse();
    }

    @Test
    void aBeatRefreshesTheLease() {
        try (ClusterAgent agent = agent()) {
            agent.start();
            for (int i = 0; i < 5; i++) {
                clock.advance(Duration.ofSeconds(1));
                assertThat(agent.heartbeat().beat()).isEqualTo(Outcome.REFRESHED);
            }
            assertThat(registry.isLive("self")).isTrue();
        }
    }

    @Test
    void afterLosingItsRegistrationTheNodeRegistersAgainAndReassertsItsRooms() {
        try (ClusterAgent agent = agent()) {
            agent.start();
            hosting.put(R1, 1);
            hosting.put(R2, 0);
            directory.claim(new RoomPlacement(R1, "self", 1, clock.instant()));
            clock.advance(LEASE.plusSeconds(1)); // e.g. a long pause: lease lapsed
            registry.register(new NodeReport(Nodes.identity("other", "x", ""), Nodes.idle(1), List.of()));
            directory.claim(new RoomPlacement(R2, "other", 0, clock.instant())); // placed elsewhere meanwhile

            assertThat(agent.heartbeat().beat()).isEqualTo(Outcome.REREGISTERED);
            assertThat(registry.isLive("self")).isTrue();
            assertThat(directory.lookup(R1)).map(RoomPlacement::nodeId).contains("self");
            assertThat(directory.lookup(R2)).map(RoomPlacement::nodeId).contains("other");
            assertThat(splits).containsExactly(Set.of(R2));
            assertThat(agent.heartbeat().beat()).isEqualTo(Outcome.REFRESHED);
        }
    }

    @Test
    void drainingIsReportedAndSurvivesReregistration() {
        try (ClusterAgent agent = agent()) {
            agent.start();
            agent.drain();
            assertThat(agent.identity().state()).isEqualTo(NodeState.DRAINING);
            assertThat(registry.find("self").orElseThrow().identity().state()).isEqualTo(NodeState.DRAINING);
            clock.advance(LEASE.plusSeconds(1));
            agent.heartbeat().beat();
            assertThat(registry.find("self").orElseThrow().identity().state()).isEqualTo(NodeState.DRAINING);
            agent.resume();
            assertThat(registry.find("self").orElseThrow().identity().state()).isEqualTo(NodeState.UP);
        }
    }

    @Test
    void closingARoomReleasesIt() {
        try (ClusterAgent agent = agent()) {
            agent.start();
            directory.claim(new RoomPlacement(R1, "self", 0, clock.instant()));
            assertThat(agent.roomClosed(R1)).isTrue();
            assertThat(directory.lookup(R1)).isEmpty();
            assertThat(agent.roomClosed(R1)).isFalse();
        }
    }

    @Test
    void startForgetsRoomsLeftByAPreviousRunOfTheSameNode() {
        registry.register(new NodeReport(self, Nodes.idle(2), List.of()));
        directory.claim(new RoomPlacement(R1, "self", 0, clock.instant()));
        directory.claim(new RoomPlacement(R2, "self", 1, clock.instant()));
        hosting.put(R2, 1);
        try (ClusterAgent agent = agent()) {
            agent.start();
            assertThat(directory.roomsOf("self")).isEqualTo(Map.of(R2, 1));
        }
    }

    @Test
    void aFailingStoreDoesNotKillTheHeartbeat() {
        NodeRegistry broken = new NodeRegistry() {
            @Override public void register(NodeReport report) { throw new IllegalStateException("down"); }
            @Override public boolean refresh(NodeReport report) { throw new IllegalStateException("down"); }
            @Override public List<NodeReport> reports() { throw new IllegalStateException("down"); }
            @Override public boolean setState(String nodeId, NodeState state) { throw new IllegalStateException("down"); }
            @Override public void deregister(String nodeId) { throw new IllegalStateException("down"); }
            @Override public List<NodeSnapshot> liveNodes() { throw new IllegalStateException("down"); }
            @Override public Optional<NodeSnapshot> find(String nodeId) { throw new IllegalStateException("down"); }
            @Override public Set<String> sweepDeparted() { throw new IllegalStateException("down"); }
            @Override public Duration expiry() { return DEFAULT_EXPIRY; }
        };
        NodeHeartbeat beat = new NodeHeartbeat(broken, directory, () -> self, () -> Nodes.report(self, Nodes.idle(1)), Map::of,
                s -> { });
        assertThat(beat.beat()).isEqualTo(Outcome.FAILED);
        assertThat(beat.beat()).isEqualTo(Outcome.FAILED);
        new DepartedNodeSweeper(broken, directory).run(); // logs, does not throw
        ClusterAgent agent = withExpiry(broken).directory(directory).identity(self).load(() -> Nodes.idle(1)).build();
        agent.close(); // deregistration failure is logged, not thrown
    }

    @Test
    void theSweeperPurgesRoomsOfDepartedNodes() {
        registry.register(new NodeReport(Nodes.identity("gone", "x", ""), Nodes.idle(1), List.of()));
        directory.claim(new RoomPlacement(R1, "gone", 0, Instant.EPOCH));
        clock.advance(LEASE.plusSeconds(1));
        assertThat(new DepartedNodeSweeper(registry, directory).sweep()).isEqualTo(Map.of("gone", 1));
        assertThat(directory.lookup(R1)).isEmpty();
    }

    @Test
    void theIntervalMustBeShorterThanTheLease() {
        assertThatThrownBy(() -> ClusterAgent.builder().registry(registry).directory(directory).identity(self)
                .load(() -> Nodes.idle(1)).interval(LEASE).build())
                .hasMessageContaining("shorter");
    }

    @Test
    void theScheduleRunsOnItsOwn() {
        var realClockRegistry = new InMemoryNodeRegistry(java.time.Clock.systemUTC(), Duration.ofMillis(600));
        var dir = new InMemoryRoomDirectory(realClockRegistry, java.time.Clock.systemUTC());
        try (ClusterAgent agent = ClusterAgent.builder().registry(realClockRegistry).directory(dir).identity(self)
                .load(() -> Nodes.idle(1)).interval(Duration.ofMillis(50)).build()) {
            agent.start();
            assertThatThrownBy(agent::start).isInstanceOf(IllegalStateException.class);
            // Three leases long: alive only if the scheduled beats ran.
            org.awaitility.Awaitility.await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3))
                    .until(() -> realClockRegistry.isLive("self"));
        }
    }
}
