package org.mscluster.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.mscluster.cli.TestProcesses;

/**
 * {@code mscluster client join …} in a process of its own (a native client with real WebRTC): its JSON
 * lines are kept with the time each arrived; its stderr goes to a log under {@code target/}.
 */
final class ClientProcess implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One JSON line and when it arrived ({@link System#nanoTime()}). */
    record Line(long atNanos, JsonNode json) {
    }

    final String peer;
    final Path log;
    private final Process process;
    private final List<Line> lines = new CopyOnWriteArrayList<>();

    private ClientProcess(String peer, Path log, Process process) {
        this.peer = peer;
        this.log = log;
        this.process = process;
        Thread reader = new Thread(this::read, "client-" + peer + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** {@code client join --url URL --room ROOM --peer PEER args…} */
    static ClientProcess join(String url, String room, String peer, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("client", "join", "--url", url, "--room", room, "--peer", peer));
        command.addAll(List.of(args));
        Path log = Path.of("target", "client-" + peer + "-" + System.nanoTime() + ".log").toAbsolutePath();
        Process process = new ProcessBuilder(NodeProcess.java(command)).redirectError(log.toFile()).start();
        return new ClientProcess(peer, log, process);
    }

    /** The WebSocket URL of a server's HTTP URL ({@code http://host:port/} → {@code ws://host:port}). */
    static String ws(String httpUrl) {
        return httpUrl.replaceFirst("^http", "ws").replaceFirst("/$", "");
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (line.startsWith("{"))
                    lines.add(new Line(System.nanoTime(), JSON.readTree(line)));
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    List<Line> lines() {
        return lines;
    }

    /** Waits for the end; returns the exit code. */
    int awaitExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            close();
            throw new AssertionError("client " + peer + " did not finish within " + seconds + " s; " + stderr());
        }
        // the reader may still hold the last line
        Thread.sleep(200);
        return process.exitValue();
    }

    /** The final JSON line. */
    JsonNode last() {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).json().path("final").asBoolean())
                return lines.get(i).json();
        }
        throw new AssertionError("client " + peer + " printed no final line; " + stderr());
    }

    String stderr() {
        try {
            return "stderr: " + Files.readString(log).strip();
        } catch (IOException e) {
            return "(no stderr)";
        }
    }

    @Override
    public void close() {
        TestProcesses.kill(process, Duration.ofSeconds(10));
    }
}
