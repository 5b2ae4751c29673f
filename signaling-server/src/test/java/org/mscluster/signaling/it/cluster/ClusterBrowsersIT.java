package org.mscluster.signaling.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.access.AccessGuard;
import org.mscluster.signaling.dispatcher.DispatcherServer;
import org.mscluster.signaling.testing.ClusterFixture;
import org.mscluster.signaling.testing.ProtooClient;

/**
 * Two headless Chromium open the web client served by a dispatcher: their sockets are redirected to
 * the room's node and media flows between them. Redis is killed and restarted: media goes on, nobody
 * reconnects, and the directory is whole again. Then the room's node leaves the cluster: both go back
 * to the dispatcher, are sent to the other node, and get media again. (Open access: the pages carry
 * no tokens; tokens are ClusterIT's business.)
 */
class ClusterBrowsersIT {

    private static final Path WEB_CLIENT = Path.of("..", "web-client").toAbsolutePath().normalize();

    private static ClusterFixture cluster;
    private static List<NodeServer> nodes;
    private static DispatcherServer dispatcher;

    @BeforeAll
    static void start() throws Exception {
        cluster = new ClusterFixture();
        nodes = List.of(cluster.openNode("web-1", 1), cluster.openNode("web-2", 1));
        dispatcher = cluster.dispatcher(d -> d.access(AccessGuard.OPEN));
    }

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void browsersEnteringThroughTheDispatcherGetMediaAndFollowTheirRoomWhenItsNodeGoes() throws Exception {
        String room = "browsers-" + System.currentTimeMillis();
        Process script = new ProcessBuilder("node", WEB_CLIENT.resolve("test/cluster-e2e.mjs").toString(), dispatcher.url(), "2", room,
                        "--hold")
                .directory(WEB_CLIENT.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    System.out.println("[cluster-e2e] " + line);
                    lines.add(line);
                }
            } catch (IOException e) {
                // the script ended
            }
        }, "cluster-e2e-output");
        reader.setDaemon(true);
        reader.start();
        try {
            JsonNode media = event(lines, "media", 150);
            NodeServer first = hostOf(RoomKey.of("default", room));
            for (JsonNode url : media.get("urls")) {
                assertThat(url.asText()).as("redirected to the room's node").startsWith(first.identity().signalingUrl());
            }
            for (JsonNode url : media.get("entryUrls")) {
                assertThat(url.asText()).startsWith(dispatcher.webSocketUrl());
            }

            // Redis down and back, empty: the media path never touches it.
            RoomKey key = RoomKey.of("default", room);
            cluster.redis.kill();
            Thread.sleep(3000);
            JsonNode before = nextTick(lines);
            cluster.redis.restart();
            Awaitility.await().atMost(Duration.ofSeconds(5)).ignoreExceptions()
                    .until(() -> cluster.store().directory().lookup(key).map(p -> p.nodeId().equals(first.nodeId())).orElse(false));
            Thread.sleep(2000);
            JsonNode after = nextTick(lines);
            System.out.println("[ClusterBrowsersIT] video frames decoded per page with Redis down: " + before.get("framesDecoded")
                    + ", after its restart: " + after.get("framesDecoded"));
            for (int page = 0; page < 2; page++) {
                assertThat(after.get("framesDecoded").get(page).asLong()).as("video frames keep coming on page %d", page)
                        .isGreaterThan(before.get("framesDecoded").get(page).asLong());
                assertThat(after.get("urls").get(page).asText()).isEqualTo(media.get("urls").get(page).asText());
                assertThat(after.get("reentries").get(page).asInt()).isZero();
            }

            first.close();
            JsonNode recovered = event(lines, "recovered", 150);
            NodeServer second = nodes.stream().filter(n -> n != first).findFirst().orElseThrow();
            for (JsonNode url : recovered.get("urls")) {
                assertThat(url.asText()).startsWith(second.identity().signalingUrl());
            }
            // The pages stay in the room until told (--hold): both peers are in it on the new node.
            assertThat(second.rooms().find(RoomKey.of("default", room)).map(r -> r.peerCount()))
                    .as("the room on %s; rooms of every node: %s", second.nodeId(), roomsOfEveryNode())
                    .contains(2);
            try (OutputStream release = script.getOutputStream()) {
                release.write('\n');
            }
            assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(script.exitValue()).isZero();
        } finally {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
        }
    }

    private static JsonNode event(BlockingQueue<String> lines, String name, int seconds) throws Exception {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < end) {
            String line = lines.poll(500, TimeUnit.MILLISECONDS);
            if (line == null || !line.startsWith("{")) {
                continue;
            }
            JsonNode event = ProtooClient.JSON.readTree(line);
            if (event.path("event").asText().equals("failed")) {
                throw new AssertionError("browsers failed: " + line);
            }
            if (event.path("event").asText().equals(name)) {
                return event;
            }
        }
        throw new AssertionError("no '" + name + "' event within " + seconds + " s");
    }

    /** The first tick printed from now on (older ones are dropped). */
    private static JsonNode nextTick(BlockingQueue<String> lines) throws Exception {
        lines.removeIf(line -> line.contains("\"event\":\"tick\""));
        return event(lines, "tick", 10);
    }

    private static String roomsOfEveryNode() {
        StringBuilder out = new StringBuilder();
        for (NodeServer node : nodes) {
            out.append(node.nodeId()).append(node.draining() ? " (closed or draining) " : " ").append(node.rooms().rooms().stream()
                    .map(r -> r.key() + "=" + r.peerCount()).toList()).append("; ");
        }
        return out.toString();
    }

    private static NodeServer hostOf(RoomKey key) {
        return nodes.stream().filter(n -> n.rooms().find(key).isPresent()).findFirst()
                .orElseThrow(() -> new AssertionError("no node hosts " + key));
    }
}
