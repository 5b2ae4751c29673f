package org.mscluster.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mscluster.cli.egress.Probe.codecs;
import static org.mscluster.cli.egress.Probe.ffprobe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.mscluster.cli.egress.EgressAwait;
import org.mscluster.cli.egress.HookReceiver;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.placement.PlacementSettings;
import org.mscluster.signaling.dispatcher.DispatcherOperations;
import org.mscluster.signaling.dispatcher.DispatcherServer;
import org.mscluster.signaling.testing.ClusterFixture;
import org.mscluster.signaling.testing.ProtooClient;

/**
 * An egress-only node ({@code mscluster node start --egress-only}) as operators run it: Redis, one media node
 * and one egress-only node (processes, rooms across nodes on), native clients ({@code mscluster client join},
 * test pattern) in a room on the media node. The egress-only node takes no peer; a recording asked of the
 * media node runs on it (its ffmpeg is the egress node's child), fed through a pipe transport, and takes a
 * peer that joins meanwhile; killed with -9, its egress is {@code failed} with the reason and the media node's
 * pipe toward it is gone; with no egress node left, egress runs on the media node again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EgressOnlyIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String ROOM = "egress-only-it";
    private static final Path WORK = Path.of("target", "egress-only-it").toAbsolutePath();

    private static ClusterFixture cluster;
    private static NodeProcess media;
    private static NodeProcess egressNode;
    private static DispatcherServer dispatcher;
    private static String admin;
    private static ClientProcess alice;
    private static ClientProcess bob;
    /** Webhooks of the media node (namespace acme). */
    private static HookReceiver hooks;

    @BeforeAll
    static void startCluster() throws Exception {
        Files.createDirectories(WORK);
        cluster = new ClusterFixture();
        admin = cluster.issuer.issueAdmin("acme", "egress-only-it", Duration.ofHours(1));
        hooks = HookReceiver.start();
        media = cluster.closeAtEnd(NodeProcess.start("media-node", cluster.redis.url(), "--cascade", "--egress-dir",
                WORK.resolve("media").toString(), "--webhook", hooks.setting("acme")));
        egressNode = cluster.closeAtEnd(NodeProcess.start("egress-node", cluster.redis.url(), "--cascade", "--egress-only",
                "--egress-dir", WORK.resolve("egress").toString()));
        // Its admin API relays egress requests to the nodes.
        dispatcher = cluster.dispatcher(d -> d.placement(PlacementSettings.builder().cascade(true).cpuLimit(1.0).build())
                .extraRoutes(new DispatcherOperations(cluster.secrets, null, null, null)));
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.store().registry().liveNodes().size() == 2);
    }

    @AfterAll
    static void stopCluster() {
        for (ClientProcess client : new ClientProcess[] {alice, bob}) {
            if (client != null) {
                client.close();
            }
        }
        if (cluster != null) {
            cluster.close();
        }
        if (hooks != null) {
            hooks.close();
        }
    }

    @Test
    @Order(1)
    void theEgressNodeRefusesJoins() throws Exception {
        assertThat(cluster.store().registry().find("egress-node").orElseThrow().identity().egressOnly()).isTrue();
        assertThat(cluster.store().registry().find("media-node").orElseThrow().identity().egressOnly()).isFalse();
        try (ProtooClient peer = ProtooClient.connect(egressNode.port, "roomId=" + ROOM + "&peerId=mallory&namespace=acme&token="
                + cluster.token("acme", ROOM, "mallory"))) {
            JsonNode refused = null;
            try {
                refused = peer.request("getRouterRtpCapabilities", Map.of());
            } catch (java.util.concurrent.CompletionException e) {
                // A request sent after the node's grace for one (0.5 s on a busy machine) meets the closed socket.
            }
            if (refused != null) {
                assertThat(refused.path("errorCode").asInt()).as(refused.toString()).isEqualTo(403);
                assertThat(refused.path("errorReason").asText()).contains("egress-only");
            }
            assertThat(peer.awaitClose()).isEqualTo(4000);
        }
    }

    @Test
    @Order(2)
    void aRoomOnTheMediaNodeIsRecordedOnTheEgressNodeWithAPeerThatJoinsMeanwhile() throws Exception {
        alice = client("alice");
        await().atMost(Duration.ofSeconds(60)).until(() -> alice.lines().stream().anyMatch(l -> l.json().path("joined").asBoolean()));
        String id = post();
        JsonNode active = awaitStatus(id, "active", 30);
        System.out.println("[EgressOnlyIT] active: " + active);
        assertThat(active.path("nodeId").asText()).isEqualTo("egress-node");
        assertThat(get(dispatcher.url(), id).path("nodeId").asText()).as("through the dispatcher").isEqualTo("egress-node");
        assertThat(JSON.readTree(send(HttpRequest.newBuilder(URI.create(media.url() + "api/rooms/acme/" + ROOM + "/egress")), 200))
                .at("/egresses/0/egressId").asText()).as("the room's list on the media node").isEqualTo(id);
        assertThat(ffmpegsOf(egressNode)).as("ffmpeg runs on the egress node").hasSize(1);
        assertThat(ffmpegsOf(media)).as("and not on the media node").isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> linked("egress-node"));

        bob = client("bob");
        // The composite takes bob's video and audio in a new segment: four producers, piped to the egress node.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonNode segments = get(id).at("/output/segments");
            return segments.size() >= 2 && segments.get(segments.size() - 1).path("producers").size() == 4
                    && get(id).path("status").asText().equals("active");
        });
        // Until the new segment's file holds a few seconds of the four (written out every 2 s).
        int last = get(id).at("/output/segments").size();
        Path file = WORK.resolve("egress").resolve(id + "-" + last + ".mkv");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(file) && Files.size(file) > 150_000);
        delete(id);
        JsonNode done = awaitStatus(id, "complete", 30);
        System.out.println("[EgressOnlyIT] complete: " + done);
        JsonNode segments = done.at("/output/segments");
        for (JsonNode segment : segments) {
            JsonNode probe = ffprobe(segment.get("path").asText());
            System.out.println("[EgressOnlyIT] segment " + segment.get("index") + ": " + probe);
            assertThat(codecs(probe)).contains("video:h264", "audio:aac");
            assertThat(probe.at("/format/duration").asDouble()).isPositive();
        }
        // The first file holds the media from the egress's start to the change of producers. (The next one starts
        // when ffmpeg has a frame of every input: seconds later on a loaded machine.)
        double ran = Duration.between(Instant.parse(done.get("startedAt").asText()),
                Instant.parse(segments.get(0).get("endedAt").asText())).toMillis() / 1000.0;
        assertThat(ffprobe(segments.get(0).get("path").asText()).at("/format/duration").asDouble()).isCloseTo(ran,
                Offset.offset(1.5));
        assertThat(Path.of(done.at("/output/path").asText())).startsWith(WORK.resolve("egress"));
        // The egress node's leg closes with its last egress: no pipe between the nodes is left.
        await().atMost(Duration.ofSeconds(10)).until(() -> !linked("egress-node") && ffmpegsOf(egressNode).isEmpty());
    }

    @Test
    @Order(3)
    void aKilledEgressNodeFailsItsEgressAndLeavesNoPipeThenEgressRunsOnTheMediaNode() throws Exception {
        String id = post();
        assertThat(awaitStatus(id, "active", 30).path("nodeId").asText()).isEqualTo("egress-node");
        await().atMost(Duration.ofSeconds(5)).until(() -> linked("egress-node"));
        long killed = System.nanoTime();
        egressNode.kill9();
        JsonNode failed = awaitStatus(id, "failed", 15);
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        System.out.println("[EgressOnlyIT] egress node killed: failed after " + ms + " ms: " + failed);
        assertThat(failed.path("error").asText()).contains("egress node egress-node");
        assertThat(failed.path("nodeId").asText()).isEqualTo("egress-node");
        assertThat(get(dispatcher.url(), id).path("status").asText()).as("through the dispatcher").isEqualTo("failed");
        // The egress node cannot send its egress_ended any more: the room's node does, once.
        await().atMost(Duration.ofSeconds(10)).until(() -> ended(id).size() == 1);
        JsonNode hook = ended(id).get(0);
        assertThat(hook.at("/egress/status").asText()).isEqualTo("failed");
        assertThat(hook.at("/egress/error").asText()).contains("egress node egress-node");
        assertThat(hook.at("/egress/nodeId").asText()).isEqualTo("egress-node");
        await().atMost(Duration.ofSeconds(10)).until(() -> !linked("egress-node"));

        String here = post();
        assertThat(awaitStatus(here, "active", 30).path("nodeId").asText()).isEqualTo("media-node");
        assertThat(ffmpegsOf(media)).hasSize(1);
        delete(here);
        awaitStatus(here, "complete", 30);
    }

    @Test
    @Order(4)
    void aDrainingEgressNodeFinishesItsEgressBeforeItLeavesAndTakesNoNewOne() throws Exception {
        NodeProcess second = cluster.closeAtEnd(NodeProcess.start("egress-node-2", cluster.redis.url(), "--cascade",
                "--egress-only", "--egress-dir", WORK.resolve("egress-2").toString()));
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.store().registry().isLive("egress-node-2"));
        String id = post();
        assertThat(awaitStatus(id, "active", 30).path("nodeId").asText()).isEqualTo("egress-node-2");

        second.terminate();
        await().atMost(Duration.ofSeconds(10)).until(() -> cluster.store().registry().find("egress-node-2")
                .map(n -> n.identity().state() == NodeState.DRAINING).orElse(false));
        String here = post();
        assertThat(awaitStatus(here, "active", 30).path("nodeId").asText()).as("a new egress avoids the draining node")
                .isEqualTo("media-node");
        // The recording goes on while its node drains: the node leaves once its egresses have ended.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5))
                .until(() -> second.isAlive() && get(id).path("status").asText().equals("active"));
        delete(id);
        JsonNode done = awaitStatus(id, "complete", 30);
        System.out.println("[EgressOnlyIT] drained: " + done);
        assertThat(second.awaitExit(Duration.ofSeconds(30))).as("the drained egress node leaves").isTrue();
        for (JsonNode segment : done.at("/output/segments")) {
            assertThat(codecs(ffprobe(segment.get("path").asText()))).contains("video:h264", "audio:aac");
        }
        delete(here);
        awaitStatus(here, "complete", 30);
    }

    // -- helpers

    private static List<JsonNode> ended(String egressId) {
        return hooks.ofEgress(egressId).stream().filter(h -> h.path("event").asText().equals("egress_ended")).toList();
    }

    private static ClientProcess client(String peer) throws Exception {
        return ClientProcess.join(ClientProcess.ws(media.url()), ROOM, peer, "--namespace", "acme", "--token",
                cluster.token("acme", ROOM, peer), "--seconds", "120");
    }

    private static List<ProcessHandle> ffmpegsOf(NodeProcess node) {
        return ProcessHandle.of(node.pid()).stream().flatMap(ProcessHandle::descendants).filter(p -> p.isAlive()
                && p.info().command().map(c -> c.endsWith("ffmpeg")).orElse(false)).toList();
    }

    /** Whether the media node's view of the cluster has a pipe between it and {@code nodeId}. */
    private static boolean linked(String nodeId) throws Exception {
        JsonNode links = JSON.readTree(send(HttpRequest.newBuilder(URI.create(media.url() + "api/cluster")), 200)).path("links");
        return StreamSupport.stream(links.spliterator(), false)
                .anyMatch(l -> l.path("nodeA").asText().equals(nodeId) || l.path("nodeB").asText().equals(nodeId));
    }

    private static String post() throws Exception {
        String body = send(HttpRequest.newBuilder(URI.create(media.url() + "api/rooms/acme/" + ROOM + "/egress"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"type\":\"record\",\"format\":\"mkv\",\"storage\":\"file\"}"))
                .header("Content-Type", "application/json"), 201);
        return JSON.readTree(body).get("egressId").asText();
    }

    private static JsonNode get(String id) throws Exception {
        return get(media.url(), id);
    }

    private static JsonNode get(String base, String id) throws Exception {
        return JSON.readTree(send(HttpRequest.newBuilder(URI.create(base + "api/egress/" + id)), 200));
    }

    private static void delete(String id) throws Exception {
        send(HttpRequest.newBuilder(URI.create(media.url() + "api/egress/" + id)).DELETE(), 200);
    }

    private static String send(HttpRequest.Builder request, int status) throws Exception {
        HttpResponse<String> response = HTTP.send(request.header("Authorization", "Bearer " + admin).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response.body();
    }

    private static JsonNode awaitStatus(String id, String status, int seconds) throws Exception {
        return EgressAwait.status(EgressOnlyIT::get, id, status, seconds);
    }
}
