package org.mscluster.cli.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Playwright script of {@code web-client/test} run with node: it prints one JSON object per line
 * ({@code {"event":…}}) and takes commands on stdin, a line each. The lines are echoed to the test's
 * output, tagged, for the failure's story.
 */
public final class BrowserScript implements AutoCloseable {

    static final Path WEB_CLIENT = Path.of("..", "web-client").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String tag;
    private final Process process;
    private final OutputStream commands;
    private final BlockingQueue<JsonNode> events = new LinkedBlockingQueue<>();

    private BrowserScript(String tag, Process process) {
        this.tag = tag;
        this.process = process;
        this.commands = process.getOutputStream();
    }

    /** {@code node web-client/test/<script> args…} */
    public static BrowserScript start(String script, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("node", WEB_CLIENT.resolve("test").resolve(script).toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(WEB_CLIENT.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BrowserScript browsers = new BrowserScript(script.replace(".mjs", ""), process);
        Thread reader = new Thread(browsers::readEvents, browsers.tag + "-output");
        reader.setDaemon(true);
        reader.start();
        return browsers;
    }

    private void readEvents() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (!line.startsWith("{\"event\":\"state\"")) { // answers to polling: the test prints what it judges
                    System.out.println("[" + tag + "] " + (line.length() > 2000 ? line.substring(0, 2000) + "…" : line));
                }
                if (line.startsWith("{")) {
                    events.add(JSON.readTree(line));
                }
            }
        } catch (IOException e) {
            // the script ended
        }
    }

    /** The next event, which must be {@code name} (a {@code failed} or {@code error} one fails the test). */
    public JsonNode await(String name, long seconds) throws InterruptedException {
        JsonNode event = events.poll(seconds, TimeUnit.SECONDS);
        if (event == null) {
            throw new AssertionError(tag + ": no '" + name + "' within " + seconds + " s"
                    + (process.isAlive() ? "" : " (the script exited with " + process.exitValue() + ")"));
        }
        if (!event.path("event").asText().equals(name)) {
            throw new AssertionError(tag + ": expected '" + name + "', got " + event);
        }
        return event;
    }

    /** Sends {@code command} and returns its answer, the event {@code answer}. */
    public JsonNode ask(String command, String answer, long seconds) throws IOException, InterruptedException {
        commands.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        commands.flush();
        return await(answer, seconds);
    }

    /** Asks the script to quit, then ends it and its browsers whatever they do. */
    @Override
    public void close() {
        try {
            commands.write("quit\n".getBytes(StandardCharsets.UTF_8));
            commands.close();
            process.waitFor(15, TimeUnit.SECONDS);
        } catch (IOException e) {
            // already gone
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
