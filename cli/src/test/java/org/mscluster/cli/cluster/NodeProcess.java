package org.mscluster.cli.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.mscluster.signaling.testing.ClusterFixture;

/**
 * A node as operators run it: {@code java -jar mscluster.jar node start --redis …} in its own
 * process (the shaded jar the cli module builds before its integration tests), so a test can {@code
 * kill -9} it or send it SIGTERM. Binds 127.0.0.1, or its address in a {@link NetworkNamespace} it
 * runs in; the log goes to {@code target/}.
 */
final class NodeProcess implements AutoCloseable {

    static final Path JAR = Path.of("target", "mscluster.jar").toAbsolutePath();

    final String nodeId;
    final String host;
    final int port;
    final Path log;
    private final Process process;

    private NodeProcess(String nodeId, String host, int port, Path log, Process process) {
        this.nodeId = nodeId;
        this.host = host;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    /** Starts the node and waits until its {@code /health} answers. */
    static NodeProcess start(String nodeId, String redisUrl, String... extraArgs) throws Exception {
        return start(nodeId, redisUrl, List.of(extraArgs));
    }

    static NodeProcess start(String nodeId, String redisUrl, List<String> extraArgs) throws Exception {
        return startWith(nodeId, clusterArgs(redisUrl, extraArgs));
    }

    /**
     * A cluster node inside {@code namespace}, bound to its address there (signaling, WebRTC and
     * pipes), as a machine of its own; {@code kill9} kills the node itself ({@code ip netns exec}
     * execs the JVM).
     */
    static NodeProcess startIn(NetworkNamespace namespace, String nodeId, String redisUrl, List<String> extraArgs)
            throws Exception {
        return launch(nodeId, namespace.namespaceIp, namespace::exec, clusterArgs(redisUrl, extraArgs));
    }

    private static List<String> clusterArgs(String redisUrl, List<String> extraArgs) throws IOException {
        List<String> args = new ArrayList<>(List.of("--redis", redisUrl,
                "--rtc-port", Integer.toString(ClusterFixture.freePortRange(1)), "--workers", "1",
                "--namespace-secret", "acme=" + ClusterFixture.ACME_SECRET,
                // The build machine's CPU must not decide where these tests' rooms go.
                "--cpu-limit", "1.0"));
        args.addAll(extraArgs);
        return args;
    }

    /** {@code mscluster node start --node-id … --listen-ip 127.0.0.1 --port (free) args…}, once its {@code /health} answers. */
    static NodeProcess startWith(String nodeId, List<String> args) throws Exception {
        return launch(nodeId, "127.0.0.1", UnaryOperator.identity(), args);
    }

    private static NodeProcess launch(String nodeId, String listenIp, UnaryOperator<List<String>> wrap, List<String> args)
            throws Exception {
        int port = freePort();
        List<String> nodeArgs = new ArrayList<>(List.of("node", "start", "--node-id", nodeId, "--listen-ip", listenIp,
                "--port", Integer.toString(port)));
        nodeArgs.addAll(args);
        Path log = Path.of("target", "node-" + nodeId + "-" + port + ".log").toAbsolutePath();
        Process process = new ProcessBuilder(wrap.apply(java(nodeArgs))).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        NodeProcess node = new NodeProcess(nodeId, listenIp, port, log, process);
        awaitReady("node " + nodeId, process, log, node::close, () -> {
            try {
                return ClusterFixture.get(node.url() + "health").statusCode() == 200;
            } catch (IOException e) {
                return false; // not listening yet
            }
        });
        return node;
    }

    /** A readiness check that may throw (an HTTP call, reading the log). */
    interface Readiness {
        boolean ready() throws Exception;
    }

    /**
     * Waits up to 60 s for {@code ready}; throws with the process's log if it exits first or never gets
     * ready (after {@code cleanUp}).
     */
    static void awaitReady(String what, Process process, Path log, Runnable cleanUp, Readiness ready) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(what + " exited at start: " + Files.readString(log));
            }
            if (ready.ready()) {
                return;
            }
            Thread.sleep(100);
        }
        cleanUp.run();
        throw new IllegalStateException(what + " did not get ready within 60 s: " + Files.readString(log));
    }

    /** {@code java [-Dmscluster.native.dir=…] -jar mscluster.jar args…} */
    static List<String> java(List<String> args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        String nativeDir = System.getProperty("mscluster.native.dir");
        if (nativeDir != null && !nativeDir.isBlank() && !nativeDir.startsWith("${")) {
            command.add("-Dmscluster.native.dir=" + nativeDir);
        }
        String extra = System.getenv("MSCLUSTER_IT_JVM_OPTS");
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-Xmx256m", "-jar", JAR.toString()));
        command.addAll(args);
        return command;
    }

    /** Runs a short CLI command to its end; returns its exit code. */
    static int run(String... args) throws Exception {
        Process process = new ProcessBuilder(java(List.of(args))).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("mscluster " + String.join(" ", args) + " did not finish");
        }
        return process.exitValue();
    }

    String url() {
        return "http://" + host + ":" + port + "/";
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** {@code kill -9}: no drain, no deregistration, sockets die with the process. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM: the node drains and leaves on its own. */
    void terminate() {
        process.destroy();
    }

    boolean awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log)";
        }
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
