package org.mscluster.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mscluster.cluster.placement.PlacementSettings;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.cluster.token.TokenIssuer;
import org.mscluster.signaling.dispatcher.DispatcherServer;
import org.mscluster.signaling.testing.ClusterFixture;

/**
 * Native clients ({@code mscluster client join}, real WebRTC, a JVM each) through a dispatcher with two
 * nodes as processes and tokens: several in one room receive from every other; a bad token, an unknown
 * namespace and a closed node end with a clear message and a non-zero exit; and, last, the room's node is
 * killed: the clients go back to the dispatcher, land on the other node and receive media again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NativeClientClusterIT {

    /** Clients in the shared room; 10 is the benchmark figure (see the README), fewer keep CI on 2 cores in time. */
    private static final int CLIENTS = Integer.getInteger("nativeClients", 3);

    private static ClusterFixture cluster;
    private static final List<NodeProcess> nodes = new ArrayList<>();
    private static DispatcherServer dispatcher;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = new ClusterFixture();
        for (String id : List.of("native-node-1", "native-node-2"))
            nodes.add(cluster.closeAtEnd(NodeProcess.start(id, cluster.redis.url())));
        // Nodes in their own processes report this machine's real CPU: a busy build must not refuse rooms.
        dispatcher = cluster.dispatcher(d -> d.placement(PlacementSettings.builder().cpuLimit(1.0).build()));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> cluster.store().registry().liveNodes().size() == 2);
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
        nodes.clear();
    }

    private static ClientProcess client(String room, String peer, int seconds, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--namespace", "acme", "--token", cluster.token("acme", room, peer),
                "--seconds", Integer.toString(seconds)));
        args.addAll(List.of(extra));
        return ClientProcess.join(ClientProcess.ws(dispatcher.url()), room, peer, args.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void everyClientInARoomReceivesVideoAndAudioFromEveryOther() throws Exception {
        List<ClientProcess> clients = new ArrayList<>();
        try {
            for (int i = 0; i < CLIENTS; i++)
                clients.add(client("native-many", "peer-" + i, 25));
            for (ClientProcess c : clients) {
                assertThat(c.awaitExit(120)).as(c.peer + " " + c.stderr()).isZero();
                // Video and audio of every other client were consumed and sent media (the others may have
                // left before the final line, so its peers are not counted).
                JsonNode last = c.last();
                assertThat(last.path("producers").asInt()).as(c.peer + ": " + last).isEqualTo(2 * (CLIENTS - 1));
                assertThat(last.path("missing")).as(c.peer + ": " + last).isEmpty();
                assertThat(c.lines().stream().anyMatch(l -> l.json().path("peers").size() == CLIENTS - 1
                        && everyPeerHasMedia(l.json()))).as(c.peer + " saw every other peer's media at once").isTrue();
            }
        } finally {
            clients.forEach(ClientProcess::close);
        }
    }

    @Test
    @Order(2)
    void badInputEndsWithAClearMessageAndANonZeroExit() throws Exception {
        String forged = new TokenIssuer(NamespaceSecrets.parse(List.of("acme=not-the-secret-0123456789abcdef0123456789abcdef")), Clock.systemUTC())
                .issueJoin("acme", "native-bad", "mallory", Duration.ofMinutes(5));
        int closedPort = ClusterFixture.freePortRange(1);
        try (ClientProcess badToken = ClientProcess.join(ClientProcess.ws(dispatcher.url()), "native-bad", "mallory",
                "--namespace", "acme", "--token", forged, "--seconds", "2");
                ClientProcess unknownNamespace = ClientProcess.join(ClientProcess.ws(dispatcher.url()), "native-bad", "nobody",
                        "--namespace", "nowhere", "--token", cluster.token("acme", "native-bad", "nobody"), "--seconds", "2");
                ClientProcess closedNode = ClientProcess.join("ws://127.0.0.1:" + closedPort, "native-bad", "late", "--seconds", "2")) {
            assertThat(badToken.awaitExit(60)).isEqualTo(3);
            assertThat(badToken.stderr()).contains("cannot join room 'native-bad'").contains("HTTP 401");
            assertThat(unknownNamespace.awaitExit(60)).isEqualTo(3);
            assertThat(unknownNamespace.stderr()).contains("cannot join room 'native-bad'").containsPattern("HTTP 40[13]");
            assertThat(closedNode.awaitExit(60)).isEqualTo(3);
            assertThat(closedNode.stderr()).contains("connection refused");
        }
    }

    @Test
    @Order(3)
    void whenTheRoomsNodeIsKilledTheClientsReenterThroughTheDispatcherAndReceiveAgain() throws Exception {
        try (ClientProcess a = client("native-failover", "alice", 40); ClientProcess b = client("native-failover", "bob", 40)) {
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> receiving(a, "bob", 0, 1) && receiving(b, "alice", 0, 1));
            String url = a.lines().get(a.lines().size() - 1).json().path("url").asText();
            NodeProcess host = nodes.stream().filter(n -> url.contains(":" + n.port + "/")).findFirst()
                    .orElseThrow(() -> new AssertionError("no node serves " + url));
            long killedAt = System.nanoTime();
            host.kill9();
            Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .until(() -> receiving(a, "bob", killedAt, 2) && receiving(b, "alice", killedAt, 2));
            for (ClientProcess c : List.of(a, b)) {
                ClientProcess.Line back = c.lines().stream().filter(l -> l.atNanos() > killedAt && l.json().path("joins").asInt() >= 2
                        && hasMedia(l.json(), c == a ? "bob" : "alice")).findFirst().orElseThrow();
                System.out.printf("[NativeClientClusterIT] %s received media again %d ms after the kill, on %s%n", c.peer,
                        TimeUnit.NANOSECONDS.toMillis(back.atNanos() - killedAt), back.json().path("url").asText());
                assertThat(back.json().path("url").asText()).doesNotContain(":" + host.port + "/");
            }
            assertThat(a.awaitExit(90)).as(a.stderr()).isZero();
            assertThat(b.awaitExit(90)).as(b.stderr()).isZero();
        }
    }

    /** A line that arrived after {@code afterNanos}, from the {@code joins}-th join on, shows media from {@code from}. */
    private static boolean receiving(ClientProcess client, String from, long afterNanos, int joins) {
        return client.lines().stream().anyMatch(l -> l.atNanos() > afterNanos && l.json().path("joins").asInt() >= joins
                && hasMedia(l.json(), from));
    }

    private static boolean everyPeerHasMedia(JsonNode line) {
        for (JsonNode peer : line.path("peers")) {
            if (!hasMedia(line, peer.path("peerId").asText()))
                return false;
        }
        return true;
    }

    private static boolean hasMedia(JsonNode line, String from) {
        for (JsonNode peer : line.path("peers")) {
            if (peer.path("peerId").asText().equals(from) && peer.path("video").path("framesDecoded").asLong() > 0
                    && peer.path("audio").path("packetsReceived").asLong() > 0)
                return true;
        }
        return false;
    }
}
