package org.mscluster.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.mscluster.cluster.redis.LocalRedisServer;
import org.mscluster.signaling.testing.ClusterFixture;

/**
 * Media apart from signaling, as operators run it: two media hosts ({@code mscluster media start}, one
 * of them in a network namespace of its own where the kernel allows) and a signaling node
 * ({@code mscluster node start --media-hosts A,B}), each a process of its own. Two headless Chromium
 * pages in a room play each other's video and audio through a worker on a media host; the refusals
 * of bad links leave every process serving; a media host killed with -9 makes its worker a dead one
 * on the node within 2 s, and the pages re-enter and play again, on the other host, within 10 s.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MediaHostsIT {

    private static final Path WEB_CLIENT = Path.of("..", "web-client").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path files;

    private static NetworkNamespace namespace;
    private static MediaHostProcess hostA;
    private static MediaHostProcess hostB;
    private static NodeProcess node;
    private static Path secret;

    @BeforeAll
    static void startHostsAndNode() throws Exception {
        secret = files.resolve("media-secret");
        Files.writeString(secret, "media-secret-of-the-test-0123456789\n");
        NetworkNamespace.Result created = NetworkNamespace.tryCreate("msmh");
        UnaryOperator<List<String>> inNamespace = UnaryOperator.identity();
        String ipA = "127.0.0.1";
        if (created.namespace().isPresent()) {
            namespace = created.namespace().get();
            inNamespace = namespace::exec;
            ipA = namespace.namespaceIp;
        } else {
            System.out.println("[MediaHostsIT] network namespaces unavailable (" + created.whyNot()
                    + "): media host A runs on loopback beside the node");
        }
        hostA = MediaHostProcess.start("media-a", ipA, ClusterFixture.freePortRange(1), ClusterFixture.freePortRange(2), secret,
                inNamespace);
        hostB = MediaHostProcess.start("media-b", "127.0.0.1", ClusterFixture.freePortRange(1), ClusterFixture.freePortRange(2),
                secret, UnaryOperator.identity());
        node = NodeProcess.startWith("signaling-1", List.of("--standalone", "--media-hosts", hostA.address + "," + hostB.address,
                "--media-secret-file", secret.toString(), "--workers", "1"));
    }

    @AfterAll
    static void stopEverything() throws Exception {
        if (node != null) {
            node.close();
        }
        for (MediaHostProcess host : new MediaHostProcess[] {hostA, hostB}) {
            if (host != null) {
                host.close();
            }
        }
        if (namespace != null) {
            namespace.close();
        }
    }

    @Test
    @Order(1)
    void theNodesWorkersRunOnTheMediaHostsOneInItsOwnNetworkNamespace() throws Exception {
        JsonNode workers = health().path("workerDetails");
        assertThat(workers).hasSize(2);
        assertThat(workers.get(0).path("mediaHost").asText()).isEqualTo(hostA.address);
        assertThat(workers.get(1).path("mediaHost").asText()).isEqualTo(hostB.address);
        assertThat(parentOf(workers.get(0).path("pid").asLong())).isEqualTo(hostA.pid());
        assertThat(parentOf(workers.get(1).path("pid").asLong())).isEqualTo(hostB.pid());
        if (namespace != null) {
            Path ownNet = Files.readSymbolicLink(Path.of("/proc/self/ns/net"));
            assertThat(Files.readSymbolicLink(Path.of("/proc", workers.get(0).path("pid").asText(), "ns", "net"))).isNotEqualTo(ownNet);
        }

        // Operations: the admin API lists both hosts and who uses them, the metrics have each link.
        JsonNode cluster = JSON.readTree(ClusterFixture.get(node.url() + "api/cluster").body());
        assertThat(cluster.path("mediaHosts").findValuesAsText("id")).containsExactlyInAnyOrder("media-a", "media-b");
        assertThat(cluster.path("mediaHosts").get(0).path("usedBy").get(0).path("node").asText()).isEqualTo("signaling-1");
        assertThat(cluster.path("nodes").get(0).path("workers").get(0).path("mediaHost").asText()).isEqualTo("media-a");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(ClusterFixture.get(node.url() + "metrics").body())
                .containsPattern("mscluster_media_link_rtt_seconds\\{media_host=\"" + java.util.regex.Pattern.quote(hostA.address)
                        + "\",node=\"signaling-1\",worker=\"0\"\\} [0-9.eE-]+")
                .contains("mscluster_media_link_up{media_host=\"" + hostB.address + "\",node=\"signaling-1\",worker=\"1\"} 1.0"));

        // A worker.dump() over a link, answered by a worker process of media host A.
        JsonNode probe = probe(hostA.address, secret);
        assertThat(probe.path("mode").asText()).isEqualTo("remote");
        assertThat(probe.path("mediaHost").path("id").asText()).isEqualTo("media-a");
        assertThat(probe.path("dump").path("pid").asLong()).isEqualTo(probe.path("pid").asLong());
    }

    @Test
    @Order(2)
    void badLinksAreRefusedAndEveryProcessKeepsServing() throws Exception {
        Path wrong = files.resolve("wrong-secret");
        Files.writeString(wrong, "not-the-secret-of-these-hosts");
        assertThat(probeExit(hostB.address, wrong)).isEqualTo(1);
        String[] hostPort = hostB.address.split(":");
        assertClosedAfter(hostPort[0], Integer.parseInt(hostPort[1]), randomBytes());
        assertClosedAfter(hostPort[0], Integer.parseInt(hostPort[1]),
                ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(100 * 1024 * 1024).putInt(0).array());
        // TLS on one side only, either way round; TLS on both sides works.
        Path certificate = files.resolve("cert.pem");
        Path key = files.resolve("key.pem");
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                "-nodes", "-subj", "/CN=media-host", "-addext", "subjectAltName=IP:127.0.0.1", "-days", "2",
                "-keyout", key.toString(), "-out", certificate.toString()).redirectErrorStream(true).start();
        assertThat(openssl.waitFor()).as(new String(openssl.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
        try (MediaHostProcess tls = MediaHostProcess.start("media-tls", "127.0.0.1", ClusterFixture.freePortRange(1),
                ClusterFixture.freePortRange(2), secret, UnaryOperator.identity(), "--tls-cert", certificate.toString(),
                "--tls-key", key.toString())) {
            String plainAddress = tls.address.substring("tls://".length());
            assertThat(probeExit(plainAddress, secret)).isEqualTo(1);
            assertThat(probeExit("tls://" + hostB.address, secret, "--media-tls-ca", certificate.toString())).isEqualTo(1);
            assertThat(probeExit(tls.address, secret, "--media-tls-ca", certificate.toString())).isZero();
            assertThat(tls.isAlive()).isTrue();
        }
        assertThat(hostA.isAlive()).isTrue();
        assertThat(hostB.isAlive()).isTrue();
        assertThat(probeExit(hostB.address, secret)).isZero();
        assertThat(health().path("status").asText()).isEqualTo("up");
    }

    @Test
    @Order(3)
    void browsersPlayThroughAMediaHostAndComeBackOnTheOtherWhenItIsKilled() throws Exception {
        String room = "media-hosts-" + System.nanoTime();
        Process script = new ProcessBuilder("node", WEB_CLIENT.resolve("test/cluster-e2e.mjs").toString(), node.url(), "2", room,
                "--reenter", "--hold").directory(WEB_CLIENT.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(script.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    System.out.println("[cluster-e2e] " + line);
                    if (line.startsWith("{")) {
                        JsonNode event = JSON.readTree(line);
                        if (!event.path("event").asText().equals("tick")) {
                            events.add(event);
                        }
                    }
                }
            } catch (IOException e) {
                // the script ended
            }
        }, "cluster-e2e-output");
        reader.setDaemon(true);
        reader.start();
        try {
            JsonNode media = events.poll(120, TimeUnit.SECONDS);
            assertThat(media).as("the pages' first media").isNotNull();
            assertThat(media.path("event").asText()).as(media.toString()).isEqualTo("media");

            int worker = roomWorker(room);
            JsonNode details = health().path("workerDetails").get(worker);
            MediaHostProcess hosting = details.path("mediaHost").asText().equals(hostA.address) ? hostA : hostB;
            long workerPid = details.path("pid").asLong();
            assertThat(parentOf(workerPid)).isEqualTo(hosting.pid());

            hosting.kill9();
            long killedAt = System.nanoTime();
            await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> !health().path("workerDetails").get(worker).path("alive").asBoolean());
            JsonNode recovered = events.poll(10_000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt), TimeUnit.MILLISECONDS);
            assertThat(recovered).as("media again within 10 s of the kill").isNotNull();
            assertThat(recovered.path("event").asText()).as(recovered.toString()).isEqualTo("recovered");
            assertThat(roomWorker(room)).isNotEqualTo(worker);
            // The killed host's worker went with it: nothing of it is left running.
            await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(workerPid).map(p -> !p.isAlive()).orElse(true));

            // The host back under the node: its slot gets a worker there again (the node retries with backoff).
            MediaHostProcess restarted = hosting.restart();
            if (hosting == hostA) {
                hostA = restarted;
            } else {
                hostB = restarted;
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                JsonNode slot = health().path("workerDetails").get(worker);
                return slot.path("alive").asBoolean() && parentOf(slot.path("pid").asLong()) == restarted.pid();
            });

            try (OutputStream stdin = script.getOutputStream()) {
                stdin.write('\n');
            } catch (IOException ended) {
                // The script stops waiting for the line after a while of its own; on a slow machine it may be done.
            }
            assertThat(script.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(script.exitValue()).isZero();
        } finally {
            script.descendants().forEach(ProcessHandle::destroyForcibly);
            script.destroyForcibly();
        }
    }

    @Test
    @Order(4)
    void registeredMediaHostsAreFoundByRegionAndListedByStatus() throws Exception {
        try (LocalRedisServer redis = LocalRedisServer.start();
                MediaHostProcess east = MediaHostProcess.start("media-east", "127.0.0.1", ClusterFixture.freePortRange(1),
                        ClusterFixture.freePortRange(2), secret, UnaryOperator.identity(), "--redis", redis.url(), "--region",
                        "asia/cn/east");
                MediaHostProcess west = MediaHostProcess.start("media-west", "127.0.0.1", ClusterFixture.freePortRange(1),
                        ClusterFixture.freePortRange(2), secret, UnaryOperator.identity(), "--redis", redis.url(), "--region",
                        "eu/de")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> statusJson(redis).path("mediaHosts").size() == 2);
            // Two nodes share one media host, each with a worker of its own there.
            try (NodeProcess clustered = NodeProcess.start("near-east", redis.url(), "--region", "asia/cn/east/sh",
                    "--media-hosts", "auto", "--media-secret-file", secret.toString());
                    NodeProcess second = NodeProcess.start("near-east-2", redis.url(), "--region", "asia/cn/east/hz",
                            "--media-hosts", "auto", "--media-secret-file", secret.toString())) {
                JsonNode secondWorkers = JSON.readTree(ClusterFixture.get(second.url() + "health").body()).path("workerDetails");
                assertThat(parentOf(secondWorkers.get(0).path("pid").asLong())).isEqualTo(east.pid());
                JsonNode workers = JSON.readTree(ClusterFixture.get(clustered.url() + "health").body()).path("workerDetails");
                assertThat(workers).hasSize(1);
                assertThat(workers.get(0).path("mediaHost").asText()).isEqualTo(east.address);
                assertThat(parentOf(workers.get(0).path("pid").asLong())).isEqualTo(east.pid());
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    JsonNode status = statusJson(redis);
                    assertThat(status.path("nodes").findValuesAsText("id")).containsExactly("near-east", "near-east-2");
                    JsonNode hosts = status.path("mediaHosts");
                    assertThat(hosts.findValuesAsText("id")).containsExactly("media-east", "media-west");
                    assertThat(hosts.get(0).path("address").asText()).isEqualTo(east.address);
                    assertThat(hosts.get(0).path("usedBy")).extracting(JsonNode::asText).containsExactly("near-east", "near-east-2");
                    assertThat(hosts.get(0).path("workersInUse").asInt()).isEqualTo(2);
                    assertThat(hosts.get(1).path("usedBy")).isEmpty();
                });
            }
        }
    }

    private static JsonNode statusJson(LocalRedisServer redis) throws Exception {
        Process status = new ProcessBuilder(NodeProcess.java(List.of("status", "--redis", redis.url(), "--json")))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(status.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(status.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return JSON.readTree(out);
    }

    private static JsonNode health() throws Exception {
        return JSON.readTree(ClusterFixture.get(node.url() + "health").body());
    }

    /** The worker index the node's admin API gives the room (open on loopback for a standalone node). */
    private static int roomWorker(String room) throws Exception {
        JsonNode cluster = JSON.readTree(ClusterFixture.get(node.url() + "api/cluster").body());
        for (JsonNode n : cluster.path("nodes")) {
            for (JsonNode r : n.path("rooms")) {
                if (r.path("roomId").asText().equals(room)) {
                    return r.path("workerIndex").asInt();
                }
            }
        }
        throw new AssertionError("room " + room + " not in " + cluster);
    }

    private static long parentOf(long pid) {
        return ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid).orElse(-1L);
    }

    private static JsonNode probe(String address, Path secretFile) throws Exception {
        List<String> command = NodeProcess.java(List.of("worker", "probe", "--media-host", address, "--media-secret-file",
                secretFile.toString()));
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        return JSON.readTree(out.lines().filter(l -> l.startsWith("{")).findFirst().orElseThrow());
    }

    private static int probeExit(String address, Path secretFile, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("worker", "probe", "--media-host", address, "--media-secret-file",
                secretFile.toString()));
        args.addAll(List.of(extra));
        return NodeProcess.run(args.toArray(String[]::new));
    }

    private static byte[] randomBytes() {
        byte[] noise = new byte[4096];
        new Random(11).nextBytes(noise);
        noise[3] = 0x7f;
        return noise;
    }

    /** Sends {@code bytes} after the host's hello; the host must end the connection. */
    private static void assertClosedAfter(String host, int port, byte[] bytes) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            DataInputStream data = new DataInputStream(in);
            int header = Integer.reverseBytes(data.readInt());
            data.readFully(new byte[header & 0x7fff_ffff]);
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            byte[] sink = new byte[1024];
            while (in.read(sink) >= 0) {
                // until the host closes
            }
        }
    }
}
