package org.mscluster.signaling.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.mscluster.cluster.agent.ClusterAgent;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.WorkerLoad;
import org.mscluster.cluster.placement.PlacementSettings;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.cluster.token.TokenIssuer;
import org.mscluster.signaling.access.AccessGuard;
import org.mscluster.signaling.dispatcher.DispatcherOperations;
import org.mscluster.signaling.dispatcher.DispatcherServer;
import org.mscluster.signaling.testing.ClusterFixture;
import org.mscluster.signaling.testing.ProtooClient;

/**
 * The dashboard of a cluster, on its dispatcher, in headless Chromium (dashboard/test/dashboard-e2e.mjs,
 * driven step by step): Redis, two nodes (it-node in eu/de, it-node-2 in asia/cn), a dispatcher with its
 * operations; three Java protoo peers in two rooms and one browser peer (the web client at /client/). The
 * page shows both nodes, both rooms, every peer with its region, follows a join and a leave within 3 s;
 * a kick from the page disconnects the peer on its node; draining it-node from the page shows it draining,
 * and a new room from eu/de then goes to the other node. Screenshots in signaling-server/target/artifacts.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class ClusterDashboardIT {

    private static final Path DASHBOARD = Path.of("..", "dashboard").toAbsolutePath().normalize();
    private static final Path ARTIFACTS = Path.of("target", "artifacts", "cluster-dashboard").toAbsolutePath();
    private static final String OPERATOR_SECRET = "cluster-0123456789abcdef0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<ProtooClient> clients = new ArrayList<>();
    private ClusterFixture cluster;
    private DispatcherServer dispatcher;
    private Process script;
    private PrintWriter commands;
    private final BlockingQueue<JsonNode> answers = new LinkedBlockingQueue<>();
    private final StringBuilder log = new StringBuilder();

    @AfterEach
    void stop() {
        if (commands != null) {
            commands.println("quit");
            commands.flush();
        }
        if (script != null) {
            try {
                script.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
        }
        clients.forEach(ProtooClient::close);
        if (cluster != null) {
            cluster.close();
        }
    }

    private ProtooClient join(String roomId, String peerId, String region) throws Exception {
        String url = ClusterFixture.query(dispatcher.url(), "acme", roomId, peerId, null) + "&region=" + ClusterFixture.enc(region);
        ProtooClient client = ProtooClient.enter(url).get(30, TimeUnit.SECONDS);
        client.join(peerId.substring(0, 1).toUpperCase() + peerId.substring(1)).get(30, TimeUnit.SECONDS);
        clients.add(client);
        return client;
    }

    private JsonNode step(String command) throws Exception {
        commands.println(command);
        commands.flush();
        JsonNode answer = answers.poll(60, TimeUnit.SECONDS);
        assertThat(answer).as("no answer to '%s'; script output:%n%s", command, log).isNotNull();
        assertThat(answer.get("ok").asBoolean()).as("'%s' failed: %s", command, answer).isTrue();
        return answer;
    }

    @Test
    void theClusterDashboardFollowsBothNodesAndActsThroughTheDispatcher() throws Exception {
        cluster = new ClusterFixture();
        NamespaceSecrets secrets = NamespaceSecrets.parse(List.of("acme=" + ClusterFixture.ACME_SECRET,
                "cluster=" + OPERATOR_SECRET));
        cluster.openNode("it-node", 1, s -> s.region("eu/de"));
        cluster.openNode("it-node-2", 1, s -> s.region("asia/cn"));
        NodeIdentity mediaHost = NodeIdentity.builder("media-x").region("eu/de").signalingUrl("media://10.0.0.9:4460/").build();
        ClusterAgent mediaAgent = cluster.closeAtEnd(ClusterAgent.builder().registry(cluster.store().registry())
                .directory(cluster.store().directory()).identity(mediaHost)
                .report(() -> new NodeReport(mediaHost, new NodeLoad(ClusterFixture.LIGHT, List.of(WorkerLoad.idle(0), WorkerLoad.idle(1)),
                        Instant.now()), List.of()))
                .interval(Duration.ofMillis(500)).build());
        mediaAgent.start();
        DispatcherOperations operations = new DispatcherOperations(secrets, "cluster", null, null);
        dispatcher = cluster.dispatcher(d -> d.access(AccessGuard.OPEN).extraRoutes(operations));
        String operator = new TokenIssuer(secrets, Clock.systemUTC()).issueAdmin("cluster", "it", Duration.ofHours(1));

        ProtooClient alice = join("room-a", "alice", "eu/de");
        assertThat(alice.landedNodeId()).isEqualTo("it-node");
        ProtooClient bob = join("room-a", "bob", "us/east");
        ProtooClient carol = join("room-b", "carol", "asia/cn/east");
        assertThat(carol.landedNodeId()).isEqualTo("it-node-2");

        script = new ProcessBuilder("node", DASHBOARD.resolve("test").resolve("dashboard-e2e.mjs").toString(),
                dispatcher.url(), operator, ARTIFACTS.toString(), dispatcher.url() + "client/")
                .directory(DASHBOARD.toFile()).redirectErrorStream(true).start();
        commands = new PrintWriter(script.getOutputStream(), false, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    if (line.startsWith("{")) {
                        answers.add(JSON.readTree(line));
                    }
                }
            } catch (Exception e) {
                // The process ended.
            }
        }, "cluster-dashboard-e2e-output");
        reader.setDaemon(true);
        reader.start();
        JsonNode ready = answers.poll(60, TimeUnit.SECONDS);
        assertThat(ready).as("dashboard did not open: %s", log).isNotNull();
        assertThat(ready.path("ready").asBoolean()).as(ready.toString()).isTrue();

        step("peers 3");
        // A media host registers as `mscluster media start --redis` does: an agent refreshing its report.
        step("media-host media-x eu/de no node");
        step("user alice eu/de");
        step("user bob us/east");
        step("user carol asia/cn/east");
        step("room room-a");

        step("browser room-a acme");
        step("user browser -");
        step("peers 4");
        step("bitrate");

        ProtooClient dave = join("room-b", "dave", "eu/fr");
        step("peers 5");
        step("user dave eu/fr");
        dave.close();
        step("peers 4");
        step("no-user dave");

        step("shots");

        step("kick bob");
        assertThat(bob.closeCode.get(5, TimeUnit.SECONDS)).isEqualTo(4000);
        step("peers 3");

        JsonNode drained = step("drain it-node");
        assertThat(drained.get("state").asText()).isEqualToIgnoringCase("draining");
        // A new room from eu/de would have gone to it-node: now it goes to the other node.
        ProtooClient erin = join("room-c", "erin", "eu/de");
        assertThat(erin.landedNodeId()).isEqualTo("it-node-2");
        System.out.println("[ClusterDashboardIT] " + log.toString().strip().replace('\n', ' '));
    }

    /** Starts the page's script against the dispatcher, as the operator. */
    private void openDashboard(String operator) throws Exception {
        script = new ProcessBuilder("node", DASHBOARD.resolve("test").resolve("dashboard-e2e.mjs").toString(),
                dispatcher.url(), operator, ARTIFACTS.toString(), dispatcher.url() + "client/")
                .directory(DASHBOARD.toFile()).redirectErrorStream(true).start();
        commands = new PrintWriter(script.getOutputStream(), false, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    if (line.startsWith("{")) {
                        answers.add(JSON.readTree(line));
                    }
                }
            } catch (Exception e) {
                // The process ended.
            }
        }, "cluster-dashboard-e2e-output");
        reader.setDaemon(true);
        reader.start();
        JsonNode ready = answers.poll(60, TimeUnit.SECONDS);
        assertThat(ready).as("dashboard did not open: %s", log).isNotNull();
        assertThat(ready.path("ready").asBoolean()).as(ready.toString()).isTrue();
    }

    /** Rooms across nodes: a room with a leg on each of two nodes shows once, with its legs, and the link between the nodes. */
    @Test
    void aRoomAcrossTwoNodesShowsItsLegsAndTheLinkBetweenThem() throws Exception {
        cluster = new ClusterFixture();
        PlacementSettings cascade = PlacementSettings.builder().cascade(true).build();
        NamespaceSecrets secrets = NamespaceSecrets.parse(List.of("acme=" + ClusterFixture.ACME_SECRET,
                "cluster=" + OPERATOR_SECRET));
        cluster.openNode("it-node", 1, s -> s.region("eu/de").placement(cascade));
        cluster.openNode("it-node-2", 1, s -> s.region("asia/cn").placement(cascade));
        DispatcherOperations operations = new DispatcherOperations(secrets, "cluster", null, null);
        dispatcher = cluster.dispatcher(d -> d.access(AccessGuard.OPEN).extraRoutes(operations).placement(cascade));
        String operator = new TokenIssuer(secrets, Clock.systemUTC()).issueAdmin("cluster", "it", Duration.ofHours(1));

        ProtooClient alice = join("room-x", "alice", "eu/de");
        ProtooClient carol = join("room-x", "carol", "asia/cn/east");
        assertThat(List.of(alice.landedNodeId(), carol.landedNodeId())).containsExactly("it-node", "it-node-2");
        String transport = alice.requestAsync("createWebRtcTransport", Map.of("producing", true, "consuming", false))
                .get(10, TimeUnit.SECONDS).path("id").asText();
        alice.requestAsync("produce", Map.of("transportId", transport, "kind", "audio", "rtpParameters", Map.of("mid", "0",
                "codecs", List.of(Map.of("mimeType", "audio/opus", "payloadType", 111, "clockRate", 48000, "channels", 2,
                        "parameters", Map.of(), "rtcpFeedback", List.of())),
                "headerExtensions", List.of(), "encodings", List.of(Map.of("ssrc", 51_000_001L)), "rtcp", Map.of("cname", "legs")),
                "appData", Map.of())).get(10, TimeUnit.SECONDS);

        openDashboard(operator);
        step("peers 2");
        step("user alice eu/de");
        step("user carol asia/cn/east");
        JsonNode legs = step("legs room-x it-node 2");
        assertThat(legs.get("legs").asText()).contains("it-node", "it-node-2");
        JsonNode link = step("link it-node it-node-2");
        assertThat(link.get("row").asText()).contains("1 producers");
        System.out.println("[ClusterDashboardIT] " + log.toString().strip().replace('\n', ' '));
    }
}
