package org.mscluster.signaling.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.cluster.token.TokenIssuer;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.json.Json;
import org.mscluster.signaling.operations.OperationsSettings;
import org.mscluster.signaling.protoo.CloseCodes;
import org.mscluster.signaling.testing.ProtooClient;

/**
 * The dashboard of a standalone node in headless Chromium (dashboard/test/dashboard-e2e.mjs, driven
 * step by step): it signs in with an operator token, shows the node, both rooms and every peer with
 * its region; its figures follow a join and a leave (asserted on the DOM within 3 s); kicking a peer
 * from the page disconnects it; draining the node from the page shows it draining. Then, in the same
 * browser, a second node with a room limit of 1 and three rooms in two namespaces: its page shows the
 * summary (node card, totals, the users panel's note), its namespace filter cuts the totals and peers per
 * region, and it reads the node's rooms and a room's peers when they are opened.
 * Screenshots at 1280×720 and 390×844 go to target/artifacts.
 */
class DashboardIT {

    private static final Path DASHBOARD = Path.of("..", "dashboard").toAbsolutePath().normalize();
    private static final NamespaceSecrets SECRETS = NamespaceSecrets.of(Map.of(
            "acme", "acme-secret-0123456789abcdef0123456789abcdef",
            "globex", "globex-secret-0123456789abcdef0123456789abcdef",
            "cluster", "operator-secret-0123456789abcdef0123456789abcdef"));

    private final List<ProtooClient> clients = new ArrayList<>();
    private NodeServer node;
    private NodeServer summarised;
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
        if (node != null) {
            node.close();
        }
        if (summarised != null) {
            summarised.close();
        }
    }

    private ProtooClient join(String roomId, String peerId, String region) throws Exception {
        return join(node, roomId, peerId, region);
    }

    private ProtooClient join(NodeServer server, String roomId, String peerId, String region) throws Exception {
        return join(server, "acme", roomId, peerId, region);
    }

    private ProtooClient join(NodeServer server, String namespace, String roomId, String peerId, String region) throws Exception {
        ProtooClient client = ProtooClient.connect(server.port(), "roomId=" + roomId + "&peerId=" + peerId
                + "&namespace=" + namespace + (region == null ? "" : "&region=" + region));
        JsonNode caps = client.request("getRouterRtpCapabilities", null).get("data");
        client.request("join", Map.of("displayName", peerId.substring(0, 1).toUpperCase() + peerId.substring(1),
                "device", Map.of(), "rtpCapabilities", caps));
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
    void theDashboardFollowsTheNodeAndActsOnIt() throws Exception {
        node = TestNodes.start(2, b -> b.operations(OperationsSettings.builder().secrets(SECRETS).build()));
        String operator = new TokenIssuer(SECRETS, Clock.systemUTC()).issueAdmin("cluster", "it", Duration.ofHours(1));

        join("room-a", "alice", "eu/de");
        ProtooClient bob = join("room-a", "bob", "us/east");
        join("room-b", "carol", "asia/cn/east");

        script = new ProcessBuilder("node", DASHBOARD.resolve("test").resolve("dashboard-e2e.mjs").toString(),
                node.url() + "dashboard/", operator, TestNodes.ARTIFACTS.toString(), node.url())
                .directory(DASHBOARD.toFile()).redirectErrorStream(true).start();
        commands = new PrintWriter(script.getOutputStream(), false, StandardCharsets.UTF_8);
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = lines.readLine()) != null; ) {
                    synchronized (log) {
                        log.append(line).append('\n');
                    }
                    if (line.startsWith("{")) {
                        answers.add(Json.MAPPER.readTree(line));
                    }
                }
            } catch (Exception e) {
                // The process ended.
            }
        }, "dashboard-e2e-output");
        reader.setDaemon(true);
        reader.start();
        JsonNode ready = answers.poll(60, TimeUnit.SECONDS);
        assertThat(ready).as("dashboard did not open: %s", log).isNotNull();
        assertThat(ready.path("ready").asBoolean()).as(ready.toString()).isTrue();

        // Both rooms, every peer with its region.
        step("peers 3");
        step("user alice eu/de");
        step("user bob us/east");
        step("user carol asia/cn/east");
        step("room room-a");
        step("room room-b");

        // A browser peer with real media: it shows, and so does its bitrate.
        step("browser room-a acme");
        step("user browser -");
        step("peers 4");
        step("bitrate");

        // A join and a leave, each on the page within 3 s.
        ProtooClient dave = join("room-b", "dave", "eu/fr");
        step("peers 5");
        step("user dave eu/fr");
        dave.close();
        step("peers 4");
        step("no-user dave");

        step("shots");

        // Kicking from the page disconnects the peer, for good (4000: no reconnect).
        step("kick bob");
        assertThat(bob.awaitClose()).isEqualTo(CloseCodes.CLOSED_BY_SERVER);
        step("peers 3");

        // Draining from the page: the card says so, and so does /health.
        JsonNode drained = step("drain it-node");
        assertThat(drained.get("state").asText()).isEqualToIgnoringCase("draining");
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.url() + "health"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(Json.MAPPER.readTree(health.body()).get("status").asText()).isEqualTo("draining");

        // More rooms than the feed's limit: the summary, and rooms and peers read per node (GET /api/nodes/{id}).
        summarised = TestNodes.start(1, b -> b.nodeId("it-summary")
                .operations(OperationsSettings.builder().secrets(SECRETS).dashboardRoomLimit(1).build()));
        join(summarised, "room-x", "erin", "eu/de");
        join(summarised, "room-x", "frank", "us/east");
        join(summarised, "room-y", "grace", "asia/cn");
        join(summarised, "globex", "room-z", "hank", "eu/de");
        step("open " + summarised.url() + "dashboard/");
        step("summary 1 3");
        step("peers 4");
        // The namespace filter cuts a summary's node figures too (byNamespace), peers per region included.
        step("namespace globex 1 1 eu/de:1");
        step("namespace acme 2 3 eu/de:1 us/east:1 asia/cn:1");
        step("namespace - 3 4 eu/de:2 us/east:1 asia/cn:1");
        step("node-rooms it-summary room-x room-y");
        step("room-peers it-summary acme room-x erin frank");
        step("room-peers it-summary acme room-y grace");
        System.out.println("[DashboardIT] " + log.toString().strip().replace('\n', ' '));
    }
}
