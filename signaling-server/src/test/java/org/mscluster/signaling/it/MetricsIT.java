package org.mscluster.signaling.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.operations.OperationsSettings;
import org.mscluster.signaling.testing.ProtooClient;

/**
 * {@code GET /metrics} of a real node: Prometheus' own checker accepts it (idle, and with a room and
 * per-room series), and {@code mscluster_rooms} follows a room's life 0 → 1 → 0.
 */
class MetricsIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static NodeServer node;

    @BeforeAll
    static void start() throws Exception {
        node = TestNodes.start(2, b -> b.operations(OperationsSettings.builder().perRoomMetrics(true).build()));
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    private static HttpResponse<String> scrape() throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.url() + "metrics")).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double value(String metrics, String name) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(name) + "\\{[^}]*node=\"it-node\"[^}]*\\} (\\S+)$").matcher(metrics);
        assertThat(m.find()).as("%s in:%n%s", name, metrics).isTrue();
        return Double.parseDouble(m.group(1));
    }

    /** Runs {@code promtool check metrics} on the text; returns its output, failing on a non-zero exit. */
    private static String promtool(String metrics, String artifact) throws Exception {
        Path file = TestNodes.ARTIFACTS.resolve(artifact);
        Files.createDirectories(file.getParent());
        Files.writeString(file, metrics);
        Process process = new ProcessBuilder("promtool", "check", "metrics").redirectInput(file.toFile())
                .redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.exitValue()).as("promtool check metrics on %s:%n%s", file, output).isZero();
        return output;
    }

    private static double requestCount(String metrics, String method, String outcome) {
        return metrics.lines()
                .filter(line -> line.startsWith("mscluster_protoo_request_duration_seconds_count{"))
                .filter(line -> line.contains("method=\"" + method + "\"") && line.contains("outcome=\"" + outcome + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    @Test
    void promtoolAcceptsTheMetricsAndRoomsGoZeroOneZero() throws Exception {
        HttpResponse<String> idle = scrape();
        assertThat(idle.statusCode()).isEqualTo(200);
        assertThat(idle.headers().firstValue("content-type").orElse("")).startsWith("text/plain; version=0.0.4");
        promtool(idle.body(), "metrics-idle.txt");
        assertThat(value(idle.body(), "mscluster_rooms")).isZero();
        assertThat(value(idle.body(), "mscluster_pipe_links")).isZero();
        assertThat(idle.body()).contains("mscluster_pipe_producers{direction=\"in\"", "mscluster_pipe_bytes_per_second{direction=\"out\"");
        assertThat(idle.body()).contains("mscluster_worker_cpu_usage_ratio{", "mscluster_worker_restarts_total{",
                "mscluster_node_memory_usage_ratio{", "mscluster_media_received_bytes_total{", "jvm_memory_used_bytes{");

        try (ProtooClient alice = ProtooClient.connect(node.port(), "metrics-room", "alice");
                ProtooClient bob = ProtooClient.connect(node.port(), "metrics-room", "bob")) {
            JsonNode caps = alice.request("getRouterRtpCapabilities", null).get("data");
            assertThat(alice.request("noSuchMethod", null).get("ok").asBoolean()).isFalse();
            bob.request("createWebRtcTransport", Map.of("producing", false, "consuming", true));
            bob.request("join", Map.of("displayName", "Bob", "rtpCapabilities", caps));
            alice.request("join", Map.of("displayName", "Alice", "rtpCapabilities", caps));
            alice.produceOpus(4242, Map.of("source", "mic"));
            bob.answer(bob.serverRequest("newConsumer"));
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                String open = scrape().body();
                assertThat(value(open, "mscluster_rooms")).isEqualTo(1);
                assertThat(value(open, "mscluster_peers")).isEqualTo(2);
                assertThat(open).contains("mscluster_room_peers{namespace=\"default\",node=\"it-node\",room=\"metrics-room\"} 2");
                // Server-side timing of each request, by method; a name PROTOCOL.md does not have is "other".
                assertThat(requestCount(open, "getRouterRtpCapabilities", "ok")).isEqualTo(1);
                assertThat(requestCount(open, "join", "ok")).isEqualTo(2);
                assertThat(requestCount(open, "other", "error")).isEqualTo(1);
                assertThat(open).doesNotContain("noSuchMethod");
                assertThat(open).containsPattern("mscluster_consumer_ready_duration_seconds_count\\{[^}]*kind=\"audio\"[^}]*outcome=\"ok\"[^}]*\\} 1");
            });
            promtool(scrape().body(), "metrics-room.txt");
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            String closed = scrape().body();
            assertThat(value(closed, "mscluster_rooms")).isZero();
            assertThat(closed).doesNotContain("room=\"metrics-room\"");
            assertThat(value(closed, "mscluster_rooms_started_total")).isEqualTo(1);
        });
    }
}
