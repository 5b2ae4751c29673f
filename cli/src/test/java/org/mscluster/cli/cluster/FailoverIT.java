package org.mscluster.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.placement.PlacementSettings;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.dispatcher.DispatcherServer;
import org.mscluster.signaling.room.Room;
import org.mscluster.signaling.testing.ClusterFixture;
import org.mscluster.signaling.testing.ProtooClient;

/**
 * What the cluster survives: a node killed with {@code kill -9} (a real process), Redis killed and
 * restarted empty, and a node drained with SIGTERM or {@code mscluster node drain}.
 */
class FailoverIT {

    private ClusterFixture cluster;

    /** A node in its own process ({@code mscluster node start}), for {@code kill -9} and SIGTERM. */
    private NodeProcess nodeProcess(String id, String... extraArgs) throws Exception {
        return cluster.closeAtEnd(NodeProcess.start(id, cluster.redis.url(), extraArgs));
    }

    @BeforeEach
    void start() throws Exception {
        cluster = new ClusterFixture();
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private DispatcherServer dispatcher() throws Exception {
        // Nodes in their own processes report this machine's real CPU: a busy build must not refuse rooms.
        return cluster.dispatcher(d -> d.placement(PlacementSettings.builder().cpuLimit(1.0).build()));
    }

    @Test
    void aKilledNodeLeavesTheRegistryWithinFiveSecondsAndItsRoomMovesToALiveNode() throws Exception {
        NodeProcess one = nodeProcess("proc-1");
        NodeProcess two = nodeProcess("proc-2");
        DispatcherServer dispatcher = dispatcher();
        awaitLive(2);
        String entry = cluster.entry(dispatcher.webSocketUrl(), "acme", "survivor", "alice");
        ProtooClient alice = ProtooClient.enter(entry).get(30, TimeUnit.SECONDS);
        alice.join("Alice").get(10, TimeUnit.SECONDS);
        NodeProcess host = alice.landedNodeId().equals("proc-1") ? one : two;
        NodeProcess survivor = host == one ? two : one;

        long killedAt = System.nanoTime();
        host.kill9();
        alice.closeCode.get(10, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> cluster.store().registry().liveNodes().stream().map(NodeSnapshot::id).toList(),
                        ids -> ids.equals(List.of(survivor.nodeId)));
        long goneAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        System.out.println("[FailoverIT] killed node gone from the registry after " + goneAfterMs + " ms");
        assertThat(goneAfterMs).isLessThanOrEqualTo(5000);

        // The web client goes back to its entry point: the room is placed afresh on the live node.
        ProtooClient again = ProtooClient.enter(entry).get(30, TimeUnit.SECONDS);
        try {
            assertThat(again.landedNodeId()).isEqualTo(survivor.nodeId);
            again.join("Alice").get(10, TimeUnit.SECONDS);
            RoomPlacement placement = cluster.store().directory().lookup(RoomKey.of("acme", "survivor")).orElseThrow();
            assertThat(placement.nodeId()).isEqualTo(survivor.nodeId);
            JsonNode health = ProtooClient.JSON.readTree(ClusterFixture.get(survivor.url() + "health").body());
            assertThat(health.get("rooms").asInt()).isEqualTo(1);
        } finally {
            again.close();
        }
    }

    @Test
    void roomsKeepRunningThroughARedisRestartAndTheDirectoryIsWholeAgainWithinFiveSeconds() throws Exception {
        List<NodeServer> nodes = List.of(cluster.node("keep-1", 1), cluster.node("keep-2", 1));
        DispatcherServer dispatcher = cluster.dispatcher();
        List<String> roomIds = List.of("r1", "r2", "r3", "r4");
        Map<String, List<ProtooClient>> clients = new LinkedHashMap<>();
        for (String room : roomIds) {
            clients.put(room, List.of(enterAndJoin(dispatcher, room, "a"), enterAndJoin(dispatcher, room, "b")));
        }
        Map<RoomKey, RoomPlacement> before = new HashMap<>();
        Map<RoomKey, Room> roomsBefore = new HashMap<>();
        for (String room : roomIds) {
            RoomKey key = RoomKey.of("acme", room);
            before.put(key, cluster.store().directory().lookup(key).orElseThrow());
            roomsBefore.put(key, host(nodes, key));
        }
        assertThat(before.values().stream().map(RoomPlacement::nodeId).distinct()).as("rooms on both nodes").hasSize(2);

        cluster.redis.kill();
        Thread.sleep(2000);
        // Signaling and media go on without Redis: every peer is still connected and served by its node.
        for (List<ProtooClient> peers : clients.values()) {
            for (ProtooClient peer : peers) {
                assertThat(peer.isOpen()).isTrue();
                peer.requestAsync("getRouterRtpCapabilities", Map.of()).get(5, TimeUnit.SECONDS);
            }
        }

        cluster.redis.restart();
        long restartedAt = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> cluster.store().registry().liveNodes().size() == 2 && before.entrySet().stream().allMatch(e ->
                        cluster.store().directory().lookup(e.getKey()).map(p -> p.sameTarget(e.getValue())).orElse(false)));
        System.out.println("[FailoverIT] directory whole again " + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - restartedAt)
                + " ms after the Redis restart");

        for (RoomKey key : before.keySet()) {
            assertThat(host(nodes, key)).as("%s is the same room, never closed", key).isSameAs(roomsBefore.get(key));
            assertThat(roomsBefore.get(key).closed()).isFalse();
            assertThat(roomsBefore.get(key).peerCount()).isEqualTo(2);
        }
        clients.values().forEach(peers -> peers.forEach(peer -> assertThat(peer.isOpen()).isTrue()));
        // A newcomer to each room joins its running room, not a new one elsewhere.
        for (String room : roomIds) {
            ProtooClient late = ProtooClient.enter(cluster.entry(dispatcher.webSocketUrl(), "acme", room, "late"))
                    .get(30, TimeUnit.SECONDS);
            assertThat(late.landedNodeId()).isEqualTo(before.get(RoomKey.of("acme", room)).nodeId());
            assertThat(roomsBefore.get(RoomKey.of("acme", room)).peerCount()).isEqualTo(3);
            late.close();
        }
        clients.values().forEach(peers -> peers.forEach(ProtooClient::close));
    }

    @Test
    void sigtermDrainsANodeItsRoomsGoOnNewRoomsGoElsewhereAndItLeavesOnceEmpty() throws Exception {
        NodeProcess one = nodeProcess("drain-1", "--drain-timeout", "60");
        NodeProcess two = nodeProcess("drain-2", "--drain-timeout", "60");
        DispatcherServer dispatcher = dispatcher();
        awaitLive(2);
        ProtooClient alice = enterAndJoin(dispatcher, "meeting", "alice");
        NodeProcess host = alice.landedNodeId().equals("drain-1") ? one : two;
        NodeProcess other = host == one ? two : one;

        host.terminate();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> ProtooClient.JSON.readTree(ClusterFixture.get(host.url() + "health").body())
                        .get("status").asText().equals("draining"));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> cluster.store().registry().find(host.nodeId)
                .map(n -> n.identity().state() == NodeState.DRAINING).orElse(false));

        // The running room takes newcomers; new rooms go to the other node.
        ProtooClient bob = enterAndJoin(dispatcher, "meeting", "bob");
        assertThat(bob.landedNodeId()).isEqualTo(host.nodeId);
        ProtooClient carol = enterAndJoin(dispatcher, "another-meeting", "carol");
        assertThat(carol.landedNodeId()).isEqualTo(other.nodeId);
        assertThat(host.isAlive()).isTrue();

        alice.close();
        bob.close();
        assertThat(host.awaitExit(Duration.ofSeconds(15))).as("the drained node exits once empty: " + host.logText()).isTrue();
        assertThat(cluster.store().registry().find(host.nodeId)).isEmpty();
        carol.close();

        // `mscluster node drain` does the same from outside: the idle node leaves.
        assertThat(NodeProcess.run("node", "drain", "--redis", cluster.redis.url(), "--node-id", other.nodeId)).isZero();
        assertThat(other.awaitExit(Duration.ofSeconds(15))).as(other.logText()).isTrue();
        assertThat(cluster.store().registry().liveNodes()).isEmpty();
    }

    private ProtooClient enterAndJoin(DispatcherServer dispatcher, String room, String peer) throws Exception {
        ProtooClient client = ProtooClient.enter(cluster.entry(dispatcher.webSocketUrl(), "acme", room, peer)).get(30, TimeUnit.SECONDS);
        client.join(peer).get(10, TimeUnit.SECONDS);
        return client;
    }

    private static Room host(List<NodeServer> nodes, RoomKey key) {
        return nodes.stream().flatMap(n -> n.rooms().find(key).stream()).findFirst().orElseThrow();
    }

    private void awaitLive(int count) {
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> cluster.store().registry().liveNodes().size() == count);
    }
}
