package org.mscluster.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Timer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.mscluster.mediasoup.Mediasoup;
import org.mscluster.mediasoup.worker.WorkerMode;
import org.mscluster.signaling.NodeConfig;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.access.AccessGuard;
import org.mscluster.signaling.net.TlsSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Page load to first remote frame with the unmodified mediasoup-demo web app: headless Chromium pages
 * (fake camera and microphone, each publishing) join one room one after another, on a standalone node
 * in this JVM and, with {@code --compare-demo}, on the official mediasoup-demo server from
 * {@code --demo-dir} running on the same worker binary, alternating every round. The app (built here
 * from the checkout by {@code bench/demo/build-app.mjs}) always connects to {@code wss://<its host>:4443},
 * so our node listens on 127.0.0.1:4443 and the demo server on 127.0.0.2:4443; {@code bench/demo/join.mjs}
 * drives the pages and times each phase inside them.
 */
@Command(name = "join", mixinStandardHelpOptions = true,
        description = "mediasoup-demo app pages joining a room: page load to first remote frame per phase, as JSON.")
final class JoinBenchCommand implements Callable<Integer> {

    static final String OUR_HOST = "127.0.0.1";
    static final String DEMO_HOST = "127.0.0.2";
    /** Fixed by the demo app (urlFactory.js). */
    static final int PROTOO_PORT = 4443;
    /** Where join.mjs serves the built app on each host. */
    static final int PAGE_PORT = 4480;

    @Option(names = "--demo-dir", required = true,
            description = "an extracted mediasoup-demo checkout (app/ and server/; see README, bench join)")
    Path demoDir;

    @Option(names = "--compare-demo", description = "also run the official demo server (from --demo-dir) on the same worker binary")
    boolean compareDemo;

    @Option(names = "--rounds", defaultValue = "5", description = "rounds counted per server (default ${DEFAULT-VALUE})")
    int rounds;

    @Option(names = "--warmup", defaultValue = "1", description = "rounds per server before counting (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--pages", defaultValue = "3", description = "pages per room (default ${DEFAULT-VALUE})")
    int pages;

    @Option(names = "--mode", defaultValue = "process", converter = ModeConverter.class,
            description = "our node's worker: process (default: the same executable the demo server runs) or in-process")
    WorkerMode mode;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || warmup < 0 || pages < 2) {
            throw new IllegalArgumentException("--rounds must be >= 1, --warmup >= 0 and --pages >= 2");
        }
        if (mode == WorkerMode.REMOTE) {
            throw new IllegalArgumentException("--mode is process or in-process");
        }
        DemoCheckout demo = DemoCheckout.of(demoDir);
        Path benchDir = NodeBaseline.home().resolve("bench").resolve("demo");
        NodeBaseline.install(benchDir);
        Path work = Files.createTempDirectory("mscluster-join-");
        List<AutoCloseable> started = new ArrayList<>();
        try {
            Path app = work.resolve("app");
            NodeBaseline.exec(benchDir, List.of("node", "build-app.mjs", demo.dir().toString(), app.toString()), false);
            requireFree(OUR_HOST, PROTOO_PORT);
            requireFree(OUR_HOST, PAGE_PORT);
            NodeServer node = new NodeServer(NodeConfig.builder().nodeId("bench-join").listenIp(OUR_HOST).port(PROTOO_PORT)
                    .tls(TlsSettings.selfSigned()).workers(1).workerMode(mode).rtcPort(BenchPorts.freeRtcPort())
                    .access(AccessGuard.OPEN).build()).start();
            started.add(node);
            List<Map<String, String>> servers = new ArrayList<>();
            servers.add(Map.of("name", "ours", "host", OUR_HOST));
            if (compareDemo) {
                requireFree(DEMO_HOST, PROTOO_PORT);
                requireFree(DEMO_HOST, PAGE_PORT);
                started.add(DemoServer.start(demo, benchDir, work));
                servers.add(Map.of("name", "demo", "host", DEMO_HOST));
            }
            Map<String, Object> config = new LinkedHashMap<>();
            config.put("appDir", app.toString());
            config.put("servers", servers);
            config.put("rounds", rounds);
            config.put("warmup", warmup);
            config.put("pages", pages);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("benchmark", "join");
            out.put("rounds", rounds);
            out.put("pages", pages);
            out.put("workerMode", mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
            out.put("loadAverageBefore", loadAverage());
            DemoServer demoServer = compareDemo ? (DemoServer) started.get(started.size() - 1) : null;
            CpuMeters cpu = new CpuMeters(demoServer == null ? null : demoServer.process.toHandle());
            JsonNode results = drive(benchDir, Json.write(config), cpu);
            out.put("loadAverageAfter", loadAverage());
            out.put("cpuSecondsPerRound", cpu.perRound());
            out.put("ourNodeServerSide", serverSide(node));
            out.put("ours", results.path("ours"));
            if (compareDemo) {
                out.put("demo", results.path("demo"));
                out.put("ratio", ratios(results.path("ours"), results.path("demo")));
            }
            System.out.println(Json.write(out));
            return 0;
        } finally {
            for (int i = started.size() - 1; i >= 0; i--) {
                try {
                    started.get(i).close();
                } catch (Exception e) {
                    System.err.println("bench join: closing: " + e);
                }
            }
            deleteTree(work);
        }
    }

    /** Ours over the demo's, per phase of the joining pages and for the first frame over all pages. */
    static Map<String, Object> ratios(JsonNode ours, JsonNode demo) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("allPagesFirstFrame", ratio(ours.path("allPagesFirstFrameMs"), demo.path("allPagesFirstFrameMs")));
        Map<String, Object> phases = new LinkedHashMap<>();
        for (Iterator<String> names = ours.path("joinersMs").fieldNames(); names.hasNext(); ) {
            String name = names.next();
            phases.put(name, ratio(ours.path("joinersMs").path(name), demo.path("joinersMs").path(name)));
        }
        out.put("joiners", phases);
        return out;
    }

    /**
     * Our node's own account of the run (warm-up rounds included): each protoo request's handling and
     * each consumer's offer-to-resume time, mean and max in ms, from the timers /metrics serves.
     */
    static Map<String, Object> serverSide(NodeServer node) {
        Map<String, Object> out = new LinkedHashMap<>();
        var registry = node.operations().metrics().registry();
        for (var pair : List.of(Map.entry("requestsMs", "mscluster.protoo.request.duration"),
                Map.entry("consumerReadyMs", "mscluster.consumer.ready.duration"))) {
            Map<String, Object> timers = new java.util.TreeMap<>();
            for (Timer timer : registry.find(pair.getValue()).timers()) {
                String tag = timer.getId().getTag("method") != null ? timer.getId().getTag("method") : timer.getId().getTag("kind");
                timers.put(tag + "/" + timer.getId().getTag("outcome"), Map.of("count", timer.count(),
                        "mean", Math.round(timer.mean(TimeUnit.MILLISECONDS)), "max", Math.round(timer.max(TimeUnit.MILLISECONDS))));
            }
            out.put(pair.getKey(), timers);
        }
        return out;
    }

    private static Object ratio(JsonNode ours, JsonNode demo) {
        return ours.isNumber() && demo.isNumber() && demo.asDouble() > 0
                ? NodeBaseline.ratio(ours.asDouble(), demo.asDouble()) : null;
    }

    private static JsonNode drive(Path benchDir, String config, CpuMeters cpu) throws IOException, InterruptedException {
        Process browsers = new ProcessBuilder("node", "join.mjs", config).directory(benchDir.toFile())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        cpu.browsers = browsers.toHandle();
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(browsers.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                JsonNode event = Json.MAPPER.readTree(line);
                switch (event.path("event").asText()) {
                    case "page" -> System.err.println(line);
                    case "round" -> cpu.mark(event.path("server").asText(), event.path("at").asText().equals("start"),
                            event.path("counted").asBoolean());
                    case "failed" -> throw new IOException("the browsers failed: " + event.path("error").asText());
                    case "done" -> {
                        return event.path("results");
                    }
                    default -> { }
                }
            }
            throw new IOException("the browsers' script ended early");
        } finally {
            if (!browsers.waitFor(30, TimeUnit.SECONDS)) {
                browsers.destroyForcibly();
            }
        }
    }

    private static void requireFree(String host, int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
        } catch (IOException free) {
            return;
        }
        throw new IOException(host + ":" + port + " is taken: the demo app needs it (another bench join running?)");
    }

    private static double loadAverage() {
        return Math.round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage() * 100) / 100.0;
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> {
                try {
                    Files.deleteIfExists(path);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("bench join: could not delete " + dir + ": " + e.getMessage());
        }
    }

    /**
     * CPU seconds per counted round of each server, split between our node (this JVM and its worker),
     * the demo server (with its worker) and the browsers, so that a phase slower on one side can be told
     * apart from a machine busier during that side's rounds.
     */
    static final class CpuMeters {

        private final ProcessHandle demo;
        ProcessHandle browsers;
        private final Map<String, double[]> totals = new LinkedHashMap<>();
        private final Map<String, Integer> rounds = new LinkedHashMap<>();
        private double[] atStart;

        CpuMeters(ProcessHandle demo) {
            this.demo = demo;
        }

        private double[] read() {
            ProcessHandle self = ProcessHandle.current();
            double ours = ProcessCpu.ownSeconds(self);
            for (ProcessHandle child : self.children().toList()) {
                if (!child.equals(demo) && !child.equals(browsers)) {
                    ours += ProcessCpu.seconds(child);
                }
            }
            return new double[] {ours, demo == null ? 0 : ProcessCpu.seconds(demo), browsers == null ? 0 : ProcessCpu.seconds(browsers)};
        }

        void mark(String server, boolean start, boolean counted) {
            if (start) {
                atStart = read();
                return;
            }
            if (!counted || atStart == null) {
                return;
            }
            double[] now = read();
            double[] total = totals.computeIfAbsent(server, name -> new double[3]);
            for (int i = 0; i < 3; i++) {
                total[i] += now[i] - atStart[i];
            }
            rounds.merge(server, 1, Integer::sum);
        }

        Map<String, Object> perRound() {
            Map<String, Object> out = new LinkedHashMap<>();
            totals.forEach((server, total) -> {
                int n = rounds.get(server);
                Map<String, Object> groups = new LinkedHashMap<>();
                groups.put("ourNode", Math.round(total[0] / n * 100) / 100.0);
                groups.put("demoServer", Math.round(total[1] / n * 100) / 100.0);
                groups.put("browsers", Math.round(total[2] / n * 100) / 100.0);
                out.put(server, groups);
            });
            return out;
        }
    }

    /** An extracted mediasoup-demo checkout: its app's sources and its server. */
    record DemoCheckout(Path dir) {

        static DemoCheckout of(Path dir) {
            Path absolute = dir.toAbsolutePath().normalize();
            for (String part : List.of("app/lib/index.jsx", "app/index.html", "server/server.js", "server/config.example.js")) {
                if (!Files.isRegularFile(absolute.resolve(part))) {
                    throw new IllegalArgumentException("--demo-dir " + dir + " is not a mediasoup-demo checkout: no " + part
                            + " (see README, bench join, for how to get one)");
                }
            }
            return new DemoCheckout(absolute);
        }
    }

    /**
     * The demo's server as its README runs it ({@code node server.js}), from a copy of {@code server/}
     * with a {@code config.js} that keeps {@code config.example.js} and changes only where it listens
     * (127.0.0.2), its certificate (generated here) and one worker, as our node has; packages from
     * {@code bench/demo} (pinned), the worker binary ours.
     */
    static final class DemoServer implements AutoCloseable {

        final Process process;

        private DemoServer(Process process) {
            this.process = process;
        }

        static DemoServer start(DemoCheckout demo, Path benchDir, Path work) throws IOException, InterruptedException {
            Path server = work.resolve("server");
            copyTree(demo.dir().resolve("server"), server);
            Path cert = work.resolve("cert.pem");
            Path key = work.resolve("key.pem");
            NodeBaseline.exec(work, List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                    "-nodes", "-days", "2",
                    "-subj", "/CN=" + DEMO_HOST, "-keyout", key.toString(), "-out", cert.toString()), false);
            Files.writeString(server.resolve("config.js"), """
                    // Written by mscluster bench join: the demo's example configuration, listening on %1$s, one worker.
                    const config = require('./config.example.js');
                    config.https.listenIp = '%1$s';
                    config.https.listenPort = %2$d;
                    config.https.tls = { cert: '%3$s', key: '%4$s' };
                    config.mediasoup.numWorkers = 1;
                    for (const options of [ config.mediasoup.webRtcServerOptions, config.mediasoup.webRtcTransportOptions ])
                      for (const info of options.listenInfos) { info.ip = '%1$s'; delete info.announcedAddress; }
                    module.exports = config;
                    """.formatted(DEMO_HOST, PROTOO_PORT, cert, key));
            ProcessBuilder builder = new ProcessBuilder("node", "server.js").directory(server.toFile())
                    .redirectErrorStream(true).redirectOutput(work.resolve("demo-server.log").toFile());
            builder.environment().put("NODE_PATH", benchDir.resolve("node_modules").toString());
            builder.environment().put("MEDIASOUP_WORKER_BIN", Mediasoup.workerExecutable().toString());
            builder.environment().put("INTERACTIVE", "false");
            builder.environment().put("DEBUG", "*WARN* *ERROR*");
            DemoServer started = new DemoServer(builder.start());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && started.process.isAlive()) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(DEMO_HOST, PROTOO_PORT), 500);
                    return started;
                } catch (IOException notYet) {
                    Thread.sleep(200);
                }
            }
            String log = Files.readString(work.resolve("demo-server.log"));
            started.close();
            throw new IOException("the demo server did not listen on " + DEMO_HOST + ":" + PROTOO_PORT + " within 30 s:\n" + log);
        }

        @Override
        public void close() throws InterruptedException {
            // Its worker follows it (the channel closes); kill both in case it does not. The demo server keeps
            // running on SIGTERM (nothing of it needs saving), hence the short wait.
            List<ProcessHandle> children = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }

        private static void copyTree(Path from, Path to) throws IOException {
            try (Stream<Path> paths = Files.walk(from)) {
                for (Path path : (Iterable<Path>) paths::iterator) {
                    if (path.toString().contains("node_modules")) {
                        continue; // its packages come from bench/demo
                    }
                    Path target = to.resolve(from.relativize(path).toString());
                    if (Files.isDirectory(path)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(path, target);
                    }
                }
            }
        }
    }
}
