package org.mscluster.cli.cluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/** {@code mscluster media start …} in a process of its own (inside a network namespace if given). */
final class MediaHostProcess implements AutoCloseable {

    final String id;
    final String address;
    final Path log;
    private final Process process;
    private final List<String> command;

    private MediaHostProcess(String id, String address, Path log, Process process, List<String> command) {
        this.id = id;
        this.address = address;
        this.log = log;
        this.process = process;
        this.command = command;
    }

    /** Starts it and waits for its start line; {@code wrap} may put the command in a namespace. */
    static MediaHostProcess start(String id, String listenIp, int port, int rtcPort, Path secretFile, UnaryOperator<List<String>> wrap,
            String... extraArgs) throws Exception {
        List<String> args = new ArrayList<>(List.of("media", "start", "--host-id", id, "--listen-ip", listenIp, "--port",
                Integer.toString(port), "--workers", "2", "--rtc-port", Integer.toString(rtcPort), "--secret-file", secretFile.toString()));
        args.addAll(List.of(extraArgs));
        boolean tls = List.of(extraArgs).contains("--tls-cert");
        return launch(id, (tls ? "tls://" : "") + listenIp + ":" + port, wrap.apply(NodeProcess.java(args)));
    }

    /** The same host again, same id, address and slots (after it was killed). */
    MediaHostProcess restart() throws Exception {
        return launch(id, address, command);
    }

    private static MediaHostProcess launch(String id, String address, List<String> command) throws Exception {
        Path log = Path.of("target", "media-" + id + "-" + System.nanoTime() + ".log").toAbsolutePath();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        MediaHostProcess host = new MediaHostProcess(id, address, log, process, command);
        NodeProcess.awaitReady("media host " + id, process, log, process::destroyForcibly, () ->
                Files.readString(log).contains("mscluster: media host " + id + " serving"));
        return host;
    }

    /**
     * The JVM's pid. Inside a namespace the process started is {@code ip netns exec}, which execs
     * the JVM, so it is the same process.
     */
    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                kill9();
            }
        }
    }
}
