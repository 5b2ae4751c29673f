package org.mscluster.cli;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.mscluster.cli.soak.ChurnCounters;
import org.mscluster.cli.soak.NodeLogCounter;
import org.mscluster.cli.soak.ProcessFigures;
import org.mscluster.cli.soak.VirtualPeer;
import org.mscluster.cli.soak.WorkerContents;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.mediasoup.worker.WorkerMode;
import org.mscluster.signaling.NodeConfig;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.cluster.ClusterSettings;
import org.mscluster.signaling.room.RoomSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code mscluster bench soak}: a standalone node in this JVM (loopback, one worker) under a steady
 * churn of virtual peers ({@link VirtualPeer}) over real protoo WebSockets, to find what grows.
 *
 * <p>The run: a warm-up of churn (JIT, pools, rooms opened once), then the peers leave and the node
 * settles, and the <em>start</em> figures are taken; then {@code --minutes} of churn, the peers leave,
 * the node settles again, and the <em>end</em> figures are taken. Both are taken in the same state (no
 * peer, every thread of the client and of the node already started), so the difference is what the
 * churn left behind: this JVM's RSS (with an in-process worker, the worker's too), heap after full
 * GCs, threads, file descriptors; the worker process's own RSS with {@code --mode process}; and what
 * the worker still holds by its {@code dump()}s, which must be nothing. A line per minute on stderr.
 */
@Command(name = "soak", mixinStandardHelpOptions = true,
        description = "Peers joining and leaving with transports, producers and consumers at a steady churn against a node in"
                + " this JVM; prints RSS, heap after GC, threads, file descriptors, worker memory and dump() sizes at the start"
                + " and the end, and the churn's totals, as one JSON object.")
final class SoakBenchCommand implements Callable<Integer> {

    @Option(names = "--minutes", defaultValue = "60", description = "minutes of churn between the two measurements (default ${DEFAULT-VALUE})")
    double minutes;

    @Option(names = "--peers", defaultValue = "40", description = "virtual peers at once (default ${DEFAULT-VALUE})")
    int peers;

    @Option(names = "--rooms", defaultValue = "8", description = "rooms the peers spread over at random (default ${DEFAULT-VALUE})")
    int rooms;

    @Option(names = "--mode", defaultValue = "in-process", converter = ModeConverter.class,
            description = "the worker: in-process (default) or process (its own RSS is then shown apart)")
    WorkerMode mode;

    @Option(names = "--warmup-seconds", defaultValue = "30", description = "churn before the start figures (default ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(names = "--settle-seconds", defaultValue = "5", description = "quiet after the peers left, before figures are taken (default ${DEFAULT-VALUE})")
    int settleSeconds;

    @Option(names = "--seed", defaultValue = "1", description = "seed of the peers' choices (default ${DEFAULT-VALUE})")
    long seed;

    @Override
    public Integer call() throws Exception {
        if (minutes <= 0 || peers < 1 || rooms < 1 || warmupSeconds < 0 || settleSeconds < 0) {
            throw new IllegalArgumentException("--minutes, --peers and --rooms must be positive, the seconds not negative");
        }
        if (mode == WorkerMode.REMOTE) {
            throw new IllegalArgumentException("--mode is in-process or process");
        }
        // Every virtual peer comes from 127.0.0.1: the per-address limit on new rooms would refuse the churn.
        NodeConfig config = NodeConfig.builder().nodeId("soak-node").listenIp("127.0.0.1").port(0).workers(1).rtcPort(BenchPorts.freeRtcPort())
                .workerMode(mode).roomSettings(RoomSettings.defaults().withNewRoomsPerAddressPerMinute(1_000_000)).build();
        ChurnCounters counters = new ChurnCounters();
        NodeLogCounter nodeLog = NodeLogCounter.attach();
        // Fixed thread pools, started before the first figures: the client's threads count the same at both ends.
        ExecutorService peerThreads = fixedPool(peers, "soak-peer");
        ExecutorService socketThreads = fixedPool(2, "soak-socket");
        HttpClient http = HttpClient.newBuilder().executor(socketThreads).connectTimeout(Duration.ofSeconds(10)).build();
        AtomicLong ssrcs = new AtomicLong(100_000_000L);
        Map<String, Object> out = new LinkedHashMap<>();
        try (NodeServer node = new NodeServer(config, ClusterSettings.standalone()).start()) {
            String url = "ws://127.0.0.1:" + node.port() + "/";
            Worker worker = node.workers().get(0).worker();
            long started = System.nanoTime();
            log("node " + url + ", worker " + mode.cliName() + " pid " + worker.pid() + "; " + peers + " peers over " + rooms
                    + " rooms; warm-up " + warmupSeconds + " s");
            ChurnCounters warmup = new ChurnCounters();
            churn(peerThreads, http, url, warmup, ssrcs, Duration.ofSeconds(warmupSeconds), 0, () -> { });
            Thread.sleep(TimeUnit.SECONDS.toMillis(settleSeconds));
            Map<String, Object> start = figures(node, worker);
            Map<String, Long> warmupLog = nodeLog.reset();
            log("start " + Json.write(start));

            long churnStart = System.nanoTime();
            churn(peerThreads, http, url, counters, ssrcs, Duration.ofMillis(Math.round(minutes * 60_000)), seed + 1,
                    () -> minuteLine(node, worker, counters, nodeLog, churnStart));
            long churnEnd = System.nanoTime();
            long settledAfterMs = awaitEmpty(node, Duration.ofSeconds(Math.max(settleSeconds, 30)));
            Thread.sleep(TimeUnit.SECONDS.toMillis(settleSeconds));
            Map<String, Object> end = figures(node, worker);

            out.put("benchmark", "soak");
            out.put("mode", mode.cliName());
            out.put("peers", peers);
            out.put("rooms", rooms);
            out.put("minutes", minutes);
            out.put("warmupSeconds", warmupSeconds);
            out.put("settleSeconds", settleSeconds);
            out.put("seed", seed);
            out.put("churnSeconds", Math.round((churnEnd - churnStart) / 1e6) / 1e3);
            out.put("roomsEmptyAfterStopMs", settledAfterMs);
            out.put("start", start);
            out.put("end", end);
            out.put("growth", growth(start, end));
            Map<String, Object> warmupTotals = warmup.totals();
            warmupTotals.put("nodeWarningsAndErrors", warmupLog);
            out.put("warmup", warmupTotals);
            out.put("totals", counters.totals());
            out.put("nodeWarningsAndErrors", nodeLog.byKind());
            out.put("totalSeconds", Math.round((System.nanoTime() - started) / 1e6) / 1e3);
        } finally {
            peerThreads.shutdownNow();
            socketThreads.shutdownNow();
        }
        System.out.println(Json.write(out));
        return 0;
    }

    /**
     * {@code peers} virtual peers for {@code length}, {@code everyMinute} run after each whole minute
     * (the last one just before the peers are told to stop, so it sees the churn, not its end); returns
     * once every peer has left.
     */
    private void churn(ExecutorService threads, HttpClient http, String url, ChurnCounters counters, AtomicLong ssrcs,
            Duration length, long seedBase, Runnable everyMinute) throws Exception {
        CountDownLatch stop = new CountDownLatch(1);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < peers; i++) {
            running.add(threads.submit(new VirtualPeer(i, http, url, rooms, VirtualPeer.Mix.DEFAULT, counters, ssrcs, stop,
                    seed * 1_000_003L + seedBase * 7919L + i)));
        }
        long start = System.nanoTime();
        long end = start + length.toNanos();
        for (long tick = start + TimeUnit.MINUTES.toNanos(1); tick - end <= 0; tick += TimeUnit.MINUTES.toNanos(1)) {
            TimeUnit.NANOSECONDS.sleep(tick - System.nanoTime());
            everyMinute.run();
        }
        TimeUnit.NANOSECONDS.sleep(end - System.nanoTime());
        stop.countDown();
        for (Future<?> peer : running) {
            peer.get(60, TimeUnit.SECONDS);
        }
    }

    /** Milliseconds until the node had no room and the worker no router, or -1 if it still had after {@code limit}. */
    private static long awaitEmpty(NodeServer node, Duration limit) throws Exception {
        long start = System.nanoTime();
        while (System.nanoTime() - start < limit.toNanos()) {
            if (node.rooms().rooms().isEmpty()
                    && node.workers().get(0).worker().dump().get(10, TimeUnit.SECONDS).routerIds().isEmpty()) {
                return (System.nanoTime() - start) / 1_000_000;
            }
            Thread.sleep(100);
        }
        return -1;
    }

    private Map<String, Object> figures(NodeServer node, Worker worker) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("jvm", ProcessFigures.ofThisJvm(3));
        if (mode == WorkerMode.PROCESS) {
            out.put("workerProcess", ProcessFigures.ofProcess(worker.pid()));
        }
        out.put("worker", WorkerContents.of(node));
        return out;
    }

    private void minuteLine(NodeServer node, Worker worker, ChurnCounters counters, NodeLogCounter nodeLog, long churnStart) {
        try {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("minute", Math.round((System.nanoTime() - churnStart) / 6e10));
            line.put("connected", counters.connectedNow());
            line.putAll(counters.brief());
            line.put("nodeLogWarnings", nodeLog.total());
            line.put("jvm", ProcessFigures.brief(ProcessFigures.ofThisJvm(0)));
            if (mode == WorkerMode.PROCESS) {
                line.put("workerProcess", ProcessFigures.brief(ProcessFigures.ofProcess(worker.pid())));
            }
            line.put("worker", WorkerContents.of(node));
            line.put("loadAverage", Math.round(java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage() * 100) / 100.0);
            System.err.println("soak " + Json.write(line));
        } catch (Exception e) {
            System.err.println("soak: the minute's figures failed: " + Errors.describe(e));
        }
    }

    /** end - start for every number found at the same place in both. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> growth(Map<String, Object> start, Map<String, Object> end) {
        Map<String, Object> out = new LinkedHashMap<>();
        end.forEach((key, value) -> {
            Object before = start.get(key);
            if (key.equals("pid")) {
                return;
            }
            if (value instanceof Number after && before instanceof Number was) {
                out.put(key, after.longValue() - was.longValue());
            } else if (value instanceof Map<?, ?> afterMap && before instanceof Map<?, ?> wasMap) {
                Map<String, Object> nested = growth((Map<String, Object>) wasMap, (Map<String, Object>) afterMap);
                // kinds that appeared only at the end count from zero
                ((Map<String, Object>) afterMap).forEach((k, v) -> {
                    if (!wasMap.containsKey(k) && v instanceof Number n) {
                        nested.put(k, n.longValue());
                    }
                });
                ((Map<String, Object>) wasMap).forEach((k, v) -> {
                    if (!afterMap.containsKey(k) && v instanceof Number n) {
                        nested.put(k, -n.longValue());
                    }
                });
                out.put(key, nested);
            }
        });
        return out;
    }

    private static void log(String text) {
        System.err.println("soak: " + text);
    }

    private static ExecutorService fixedPool(int threads, String name) {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new java.util.concurrent.LinkedBlockingQueue<>(), daemon(name));
        pool.prestartAllCoreThreads();
        return pool;
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger next = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, name + "-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

}
