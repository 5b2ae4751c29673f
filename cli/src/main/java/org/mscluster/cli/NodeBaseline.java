package org.mscluster.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mscluster.mediasoup.Mediasoup;

/**
 * Runs the same benchmark through the official mediasoup Node layer on our worker binary
 * ({@code bench/node/}), so that both figures come from one run on this noisy machine.
 */
final class NodeBaseline {

    private NodeBaseline() {
    }

    /**
     * Runs {@code script} and prints both sides as one object: {@code java}, {@code node}, and the
     * ratios of Java to Node for the throughput figure {@code rateKey} and for p99.
     */
    static Map<String, Object> compare(String script, List<String> args, Map<String, Object> ours, String rateKey)
            throws IOException, InterruptedException {
        Map<String, Object> node = run(script, args);
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("java", ours);
        out.put("node", node);
        out.put("throughputRatio", ratio(ours.get(rateKey), node.get(rateKey)));
        out.put("p99Ratio", ratio(ours.get("p99Us"), node.get("p99Us")));
        return out;
    }

    static double ratio(Object ours, Object theirs) {
        double denominator = ((Number) theirs).doubleValue();
        return denominator == 0 ? 0 : Math.round(((Number) ours).doubleValue() / denominator * 100) / 100.0;
    }

    static Map<String, Object> run(String script, List<String> args) throws IOException, InterruptedException {
        ProcessBuilder builder = command(script, args);
        List<String> command = builder.command();
        String out = exec(builder.directory().toPath(), command, true);
        String last = out.strip().lines().reduce((a, b) -> b).orElseThrow(() -> new IOException("node printed nothing"));
        return Json.MAPPER.readValue(last, new TypeReference<Map<String, Object>>() { });
    }

    /**
     * {@code node script args…} in {@code bench/node}, its packages installed first, with the worker
     * binary set to ours: for a benchmark that talks to the script while it runs.
     */
    static ProcessBuilder command(String script, List<String> args) throws IOException, InterruptedException {
        Path dir = home().resolve("bench").resolve("node");
        install(dir);
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("MEDIASOUP_WORKER_BIN", Mediasoup.workerExecutable().toString());
        return builder;
    }

    /** {@code npm ci} in {@code dir} unless done: its pinned packages (mediasoup among them), without their scripts. */
    static void install(Path dir) throws IOException, InterruptedException {
        if (!Files.isDirectory(dir.resolve("node_modules").resolve("mediasoup"))) {
            // --ignore-scripts: mediasoup's postinstall would download a prebuilt worker; ours is used instead.
            exec(dir, List.of("npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"), false);
        }
    }

    static String exec(Path dir, List<String> command, boolean captureStdout) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("MEDIASOUP_WORKER_BIN", Mediasoup.workerExecutable().toString());
        builder.redirectError(ProcessBuilder.Redirect.INHERIT);
        if (!captureStdout) {
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
        }
        Process process = builder.start();
        String out = captureStdout ? new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8) : "";
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed in " + dir);
        }
        return out;
    }

    static Path home() {
        String home = System.getProperty("mscluster.home");
        if (home == null) {
            throw new IllegalStateException("mscluster.home is not set: run through ./mscluster");
        }
        return Path.of(home);
    }
}
