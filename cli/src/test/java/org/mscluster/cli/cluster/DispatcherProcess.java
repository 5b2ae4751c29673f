package org.mscluster.cli.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.mscluster.cli.TestProcesses;
import org.mscluster.signaling.testing.ClusterFixture;

/**
 * {@code mscluster dispatcher start --listen-ip … --port (free) args…} in a process of its own, once
 * its {@code /health} answers: the entry point browsers open, serving the web client.
 */
final class DispatcherProcess implements AutoCloseable {

    final String host;
    final int port;
    final Path log;
    private final Process process;

    private DispatcherProcess(String host, int port, Path log, Process process) {
        this.host = host;
        this.port = port;
        this.log = log;
        this.process = process;
    }

    static DispatcherProcess start(String id, String listenIp, List<String> args) throws Exception {
        int port = freePort(listenIp);
        List<String> command = new ArrayList<>(List.of("dispatcher", "start", "--dispatcher-id", id, "--listen-ip", listenIp,
                "--port", Integer.toString(port)));
        command.addAll(args);
        Path log = Path.of("target", "dispatcher-" + id + "-" + port + ".log").toAbsolutePath();
        Process process = new ProcessBuilder(NodeProcess.java(command)).redirectErrorStream(true).redirectOutput(log.toFile())
                .start();
        DispatcherProcess dispatcher = new DispatcherProcess(listenIp, port, log, process);
        NodeProcess.awaitReady("dispatcher " + id, process, log, dispatcher::close, () -> {
            try {
                return ClusterFixture.get(dispatcher.url() + "health").statusCode() == 200;
            } catch (IOException e) {
                return false; // not listening yet
            }
        });
        return dispatcher;
    }

    String url() {
        return "http://" + host + ":" + port + "/";
    }

    /** {@code kill -9}: sockets die with the process, nothing is said to anyone. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        TestProcesses.kill(process, Duration.ofSeconds(10));
    }

    private static int freePort(String ip) throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(ip))) {
            return socket.getLocalPort();
        }
    }
}
