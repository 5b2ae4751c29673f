package org.mscluster.signaling.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.mscluster.mediasoup.worker.WorkerDump;
import org.mscluster.signaling.NodeConfig;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.media.MediaWorker;
import org.mscluster.signaling.net.WebSocketLimits;
import org.mscluster.signaling.room.RoomSettings;

/** Starts nodes on free ports and runs the Node.js scripts of web-client/test against them. */
final class TestNodes {

    static final Path WEB_CLIENT = Path.of("..", "web-client").toAbsolutePath().normalize();
    static final Path ARTIFACTS = Path.of("target", "artifacts").toAbsolutePath();

    private TestNodes() {
    }

    /**
     * Waits (up to 15 s) until {@code node} has no room and its workers hold no router and only their
     * own WebRtcServer: what every test against a shared node leaves behind.
     */
    static void awaitNothingLeft(NodeServer node) {
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            assertThat(node.rooms().rooms()).isEmpty();
            for (MediaWorker worker : node.workers().all()) {
                WorkerDump dump = worker.worker().dump().get(5, TimeUnit.SECONDS);
                assertThat(dump.routerIds()).as("routers of worker %d", worker.index()).isEmpty();
                assertThat(dump.webRtcServerIds()).hasSize(1);
            }
        });
    }

    /**
     * Every test client shares 127.0.0.1: tests open rooms far faster than the default of new rooms one
     * address may open a minute. A test of that limit sets its own room settings.
     */
    static final RoomSettings LOOPBACK_ROOMS = RoomSettings.defaults().withNewRoomsPerAddressPerMinute(1_000_000);

    static NodeServer start(int workers) throws Exception {
        return start(workers, WebSocketLimits.defaults());
    }

    static NodeServer start(int workers, WebSocketLimits limits) throws Exception {
        int rtcPort = org.mscluster.signaling.testing.ClusterFixture.freePortRange(workers);
        return new NodeServer(NodeConfig.builder()
                .webSocketLimits(limits)
                .roomSettings(LOOPBACK_ROOMS)
                .nodeId("it-node")
                .listenIp("127.0.0.1")
                .port(0)
                .workers(workers)
                .rtcPort(rtcPort)
                .build()).start();
    }

    /** A node on loopback with free ports and {@code workers} workers, configured further by {@code custom}. */
    static NodeServer start(int workers, UnaryOperator<NodeConfig.Builder> custom) throws Exception {
        return new NodeServer(custom.apply(NodeConfig.builder()
                .roomSettings(LOOPBACK_ROOMS)
                .nodeId("it-node")
                .listenIp("127.0.0.1")
                .port(0)
                .workers(workers)
                .rtcPort(org.mscluster.signaling.testing.ClusterFixture.freePortRange(workers))).build()).start();
    }

    /** Output and exit code of {@code node script args…}, run in web-client/ (where node_modules is). */
    record Run(int exitCode, String stdout, String stderr) {
        /** The last line of stdout, which the scripts keep for their JSON summary. */
        String lastLine() {
            String[] lines = stdout.strip().split("\n");
            return lines[lines.length - 1];
        }
    }

    static Run node(long timeoutSeconds, String script, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("node", WEB_CLIENT.resolve("test").resolve(script).toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("node-out", ".txt");
        Path err = Files.createTempFile("node-err", ".txt");
        Process process = new ProcessBuilder(command).directory(WEB_CLIENT.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError(script + " did not finish within " + timeoutSeconds + " s: " + Files.readString(out)
                    + Files.readString(err));
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
}
