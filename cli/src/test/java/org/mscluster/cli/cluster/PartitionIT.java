package org.mscluster.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.redis.LocalRedisServer;
import org.mscluster.cluster.redis.RedisUrl;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.cluster.token.TokenIssuer;
import org.mscluster.signaling.testing.ClusterFixture;
import org.mscluster.signaling.testing.ProtooClient;

/**
 * A node cut off from Redis, and from Redis alone, measured from outside: the node {@code far} runs in
 * a network namespace of its own, {@code near} on this side with Redis and a dispatcher (processes,
 * {@code mscluster … start}). A room of two peers, each with a producer, lives on {@code far}; then
 * {@code far}'s packets to Redis's port are dropped ({@link NetworkNamespace#partitionFrom}) while
 * clients and the dispatcher still reach it.
 *
 * <p>What happens, as asserted here:
 * <ul>
 *   <li>{@code far} keeps its room: both sockets stay open and every request is answered;
 *   <li>the registry forgets {@code far} when its lease (3 s) runs out, and the dispatcher sends new
 *       rooms to {@code near};
 *   <li>a newcomer to the <em>running</em> room, entering through the dispatcher, goes to {@code far}: the
 *       room's entry names a node that dropped out of the registry lately, so the dispatcher asks {@code far}
 *       directly ({@code GET /cluster/rooms/…}) before placing the room afresh, and {@code far} answers that it
 *       hosts it; {@code far}, unable to reach Redis, admits the newcomer to the room it hosts. Both nodes'
 *       rooms are sampled: the room is never hosted twice (a dead node's port refuses the question at once,
 *       so its rooms still move at once: {@link FailoverIT});
 *   <li>when the partition heals, {@code far} re-registers within a beat and re-asserts its rooms; the
 *       directory still names it, so nothing moves: every peer stays, a newcomer joins them on {@code far},
 *       and no room is hosted by two nodes (sampled for a while).
 * </ul>
 * Skips, saying why, where network namespaces are refused (not root, a container without them).
 */
class PartitionIT {

    private static final String OPERATOR_SECRET = "cluster-0123456789abcdef0123456789abcdef";
    private static final TokenIssuer ISSUER = new TokenIssuer(NamespaceSecrets.parse(List.of(
            "acme=" + ClusterFixture.ACME_SECRET, "cluster=" + OPERATOR_SECRET)), Clock.systemUTC());
    private static final String ADMIN = ISSUER.issueAdmin("cluster", "partition-it", Duration.ofHours(1));
    private static final List<String> SECRETS = List.of("--namespace-secret", "cluster=" + OPERATOR_SECRET);
    /** Where the room's first peer is: {@code far}'s region, so the room opens there. */
    private static final String FAR_REGION = "eu/de";
    private static final String PEER_REGION = "eu/de/berlin";
    /** The registry's lease: a node not heard of for this long is gone. */
    private static final long LEASE_MS = 3000;

    private static NetworkNamespace namespace;
    private static LocalRedisServer redis;
    private static NodeProcess far;
    private static NodeProcess near;
    private static DispatcherProcess dispatcher;
    private static ClusterStore store;

    @BeforeAll
    static void startCluster() throws Exception {
        NetworkNamespace.Result created = NetworkNamespace.tryCreate("mscpart", 224);
        Assumptions.assumeTrue(created.namespace().isPresent(),
                "[PartitionIT] skipped: network namespaces unavailable (" + created.whyNot() + ")");
        namespace = created.namespace().get();
        // Reachable from the namespace (its side's address) and from this side (loopback).
        redis = LocalRedisServer.start("--bind", "127.0.0.1", namespace.hostIp, "--protected-mode", "no");
        // The JVMs start together: on two cores one after the other would take most of the test's time.
        CompletableFuture<NodeProcess> farStarting = CompletableFuture.supplyAsync(() -> {
            List<String> args = new ArrayList<>(List.of("--region", FAR_REGION));
            args.addAll(SECRETS);
            try {
                return NodeProcess.startIn(namespace, "far", "redis://" + namespace.hostIp + ":" + redis.port(), args);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            List<String> nearArgs = new ArrayList<>(List.of("--region", "us/east"));
            nearArgs.addAll(SECRETS);
            near = NodeProcess.start("near", redis.url(), nearArgs);
            List<String> dispatcherArgs = new ArrayList<>(List.of("--redis", redis.url(), "--cpu-limit", "1.0",
                    "--namespace-secret", "acme=" + ClusterFixture.ACME_SECRET));
            dispatcherArgs.addAll(SECRETS);
            dispatcher = DispatcherProcess.start("partition-entry", "127.0.0.1", dispatcherArgs);
        } finally {
            far = farStarting.join(); // closed by @AfterAll, also when another did not start
        }
        store = ClusterStore.redis(RedisUrl.parse(redis.url()), ClusterStore.DEFAULT_KEY_PREFIX, Clock.systemUTC());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> liveNodes().size() == 2);
    }

    @AfterAll
    static void stopCluster() {
        List<AutoCloseable> all = new ArrayList<>();
        all.add(store);
        all.add(dispatcher);
        all.add(near);
        all.add(far);
        all.add(namespace);
        all.add(redis);
        Teardown.closeAll("PartitionIT", all);
        store = null;
        dispatcher = null;
        near = null;
        far = null;
        namespace = null;
        redis = null;
    }

    @Test
    void aNodeCutOffFromRedisKeepsItsRoomGetsNoNewRoomsAndRejoinsCleanlyWhenThePartitionHeals() throws Exception {
        String meetingId = "meeting-" + System.nanoTime();
        RoomKey meeting = RoomKey.of("acme", meetingId);
        Map<String, ProtooClient> peers = new TreeMap<>();
        long ssrc = 1000;
        for (String peer : List.of("alice", "bob")) {
            ProtooClient client = enterAndJoin(meetingId, peer);
            assertThat(client.landedNodeId()).as("%s's node", peer).isEqualTo(far.nodeId);
            peers.put(peer, client);
            client.produceOpus(++ssrc, Map.of());
        }
        awaitPeers(far, meeting, "alice", "bob");

        List<ProtooClient> others = new ArrayList<>();
        long cutAt;
        long healedAt;
        try (NetworkNamespace.Partition partition = namespace.partitionFrom(namespace.hostIp, redis.port())) {
            cutAt = System.nanoTime();
            Awaitility.await().atMost(Duration.ofMillis(LEASE_MS + 3000)).pollInterval(Duration.ofMillis(100))
                    .until(PartitionIT::liveNodes, ids -> ids.equals(List.of(near.nodeId)));
            long goneAfter = millisSince(cutAt);
            System.out.println("[PartitionIT] far gone from the registry " + goneAfter + " ms after the partition");
            assertThat(goneAfter).as("within the lease, give or take one beat").isLessThanOrEqualTo(LEASE_MS + 1500);

            // far keeps its room: sockets open, requests answered, its own admin API still shows both peers.
            for (ProtooClient client : peers.values()) {
                assertThat(client.isOpen()).isTrue();
                client.requestAsync("getRouterRtpCapabilities", Map.of()).get(5, TimeUnit.SECONDS);
            }
            String late = peers.get("alice").produceOpus(1100, Map.of());
            Awaitility.await("bob offered alice's producer made during the partition").atMost(Duration.ofSeconds(5))
                    .until(() -> peers.get("bob").offered(late));
            awaitPeers(far, meeting, "alice", "bob");

            // A new room goes to near, the only live node, whatever its first peer's region.
            ProtooClient dave = enterAndJoin("fresh-" + System.nanoTime(), "dave");
            others.add(dave);
            assertThat(dave.landedNodeId()).isEqualTo(near.nodeId);

            // A newcomer to the running room: the dispatcher finds the room's entry naming far, which dropped out of
            // the registry lately, asks far directly, and far answers that it hosts the room: carol goes there.
            // far, unable to reach Redis, admits her to the room it hosts.
            ProtooClient carol = enterAndJoin(meetingId, "carol");
            peers.put("carol", carol);
            String carols = carol.produceOpus(1200, Map.of());
            assertThat(carol.landedNodeId()).as("the room's owner, cut off from Redis, still hosts it").isEqualTo(far.nodeId);
            awaitPeers(far, meeting, "alice", "bob", "carol");
            Awaitility.await("alice offered carol's producer").atMost(Duration.ofSeconds(5))
                    .until(() -> peers.get("alice").offered(carols));
            int during = assertHostedOnceOnly(meetingId, far, Duration.ofSeconds(2));
            System.out.println("[PartitionIT] carol, entering the running room during the partition, landed on "
                    + carol.landedNodeId() + "; " + during + " samples of both nodes' rooms during the partition: none hosted twice");
            assertThat(store.directory().lookup(meeting).map(RoomPlacement::nodeId)).contains(far.nodeId);
            healedAt = System.nanoTime();
            System.out.println("[PartitionIT] partition healed after " + millisSince(cutAt) + " ms");
        }

        Awaitility.await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                .until(() -> liveNodes().contains(far.nodeId));
        System.out.println("[PartitionIT] far re-registered " + millisSince(healedAt) + " ms after the heal");

        // far re-asserts its rooms: the directory still names it for the room, so nothing moves and nobody is sent away.
        int after = assertHostedOnceOnly(meetingId, far, Duration.ofSeconds(3));
        assertThat(liveNodes()).containsExactlyInAnyOrder(far.nodeId, near.nodeId);
        assertThat(store.directory().lookup(meeting).map(RoomPlacement::nodeId)).contains(far.nodeId);
        assertThat(store.directory().roomsOf(far.nodeId)).containsKey(meeting);
        awaitPeers(far, meeting, "alice", "bob", "carol");
        for (ProtooClient client : peers.values()) {
            assertThat(client.isOpen()).isTrue();
            client.requestAsync("getRouterRtpCapabilities", Map.of()).get(5, TimeUnit.SECONDS);
        }
        // And a newcomer after the heal joins them there.
        ProtooClient erin = enterAndJoin(meetingId, "erin");
        peers.put("erin", erin);
        assertThat(erin.landedNodeId()).isEqualTo(far.nodeId);
        System.out.println("[PartitionIT] " + after + " samples of both nodes' rooms after the heal: none hosted twice");
        peers.values().forEach(ProtooClient::close);
        others.forEach(ProtooClient::close);
    }

    /**
     * Samples both nodes' own rooms (their admin APIs, no Redis) every 200 ms for {@code span}: no room is
     * hosted by two nodes, and {@code roomId} by {@code host} alone. Returns the number of samples.
     */
    private static int assertHostedOnceOnly(String roomId, NodeProcess host, Duration span) throws Exception {
        long until = System.nanoTime() + span.toNanos();
        int samples = 0;
        while (System.nanoTime() < until) {
            Map<String, Set<String>> hosts = new TreeMap<>();
            for (NodeProcess node : List.of(far, near)) {
                for (String room : roomsOf(node)) {
                    hosts.computeIfAbsent(room, r -> new TreeSet<>()).add(node.nodeId);
                }
            }
            hosts.forEach((room, nodes) -> assertThat(nodes).as("nodes hosting %s", room).hasSize(1));
            assertThat(hosts.get(roomId)).containsExactly(host.nodeId);
            samples++;
            Thread.sleep(200);
        }
        return samples;
    }

    private static ProtooClient enterAndJoin(String roomId, String peer) throws Exception {
        String entry = ClusterFixture.query(dispatcher.url(), "acme", roomId, peer,
                ISSUER.issueJoin("acme", roomId, peer, Duration.ofHours(1))) + "&region=" + ClusterFixture.enc(PEER_REGION);
        ProtooClient client = ProtooClient.enter(entry).get(30, TimeUnit.SECONDS);
        // A consuming transport before joining, as the demo's client: the room offers it the others' producers.
        client.requestAsync("createWebRtcTransport", Map.of("producing", false, "consuming", true)).get(10, TimeUnit.SECONDS);
        client.join(peer).get(10, TimeUnit.SECONDS);
        return client;
    }

    private static List<String> liveNodes() {
        return store.registry().liveNodes().stream().map(NodeSnapshot::id).sorted().toList();
    }

    /** The rooms the node itself hosts, by its own admin API (no Redis involved). */
    private static List<String> roomsOf(NodeProcess node) throws Exception {
        List<String> rooms = new ArrayList<>();
        for (JsonNode n : admin(node, "api/cluster").path("nodes")) {
            if (n.path("id").asText().equals(node.nodeId)) {
                n.path("rooms").forEach(r -> rooms.add(r.path("roomId").asText()));
            }
        }
        return rooms;
    }

    /** Waits until the node's admin API shows {@code expected} in {@code room} (it shows the node's latest report). */
    private static void awaitPeers(NodeProcess node, RoomKey room, String... expected) {
        Awaitility.await(node.nodeId + "'s peers of " + room.roomId()).atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100)).until(() -> peersOf(node, room), List.of(expected)::equals);
    }

    /** The peers of {@code room} on the node, sorted; empty when it does not host it. */
    private static List<String> peersOf(NodeProcess node, RoomKey room) throws Exception {
        List<String> peers = new ArrayList<>();
        for (JsonNode n : admin(node, "api/cluster?namespace=" + room.namespace()).path("nodes")) {
            if (!n.path("id").asText().equals(node.nodeId)) {
                continue;
            }
            for (JsonNode r : n.path("rooms")) {
                if (r.path("roomId").asText().equals(room.roomId())) {
                    r.path("peers").forEach(p -> peers.add(p.path("id").asText()));
                }
            }
        }
        peers.sort(null);
        return peers;
    }

    private static JsonNode admin(NodeProcess node, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.url() + path))
                .header("Authorization", "Bearer " + ADMIN).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s%s: %s", node.url(), path, response.body()).isEqualTo(200);
        return ProtooClient.JSON.readTree(response.body());
    }

    private static long millisSince(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanos);
    }
}
