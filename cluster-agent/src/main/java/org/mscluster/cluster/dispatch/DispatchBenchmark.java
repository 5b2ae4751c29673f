package org.mscluster.cluster.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.placement.NearestLeastLoadedPolicy;
import org.mscluster.cluster.redis.KeySpace;
import org.mscluster.cluster.redis.RedisClients;
import org.mscluster.cluster.redis.RedisNodeRegistry;
import org.mscluster.cluster.redis.RedisRoomDirectory;
import org.mscluster.cluster.redis.RedisUrl;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * Measures the dispatcher's decision path against a real Redis, as a dispatcher runs it: a
 * {@link RoomPlacer} behind a {@link DispatchPipeline} with {@code threads} lanes (Redis
 * connections), and {@code inFlight} requests outstanding at any time, like that many HTTP or
 * WebSocket requests being served at once. {@code clients} placement calls are spread over
 * {@code rooms} new rooms on synthetic nodes: the first call for each room races the others to
 * claim it, the rest find it placed. Latency is from handing the request in to its answer.
 * Also checks that no room was split. An unmeasured first round on other rooms warms the JIT.
 *
 * <p>Everything is written under a fresh key prefix and deleted afterwards, so it may run against
 * a Redis that a live cluster uses (it adds load to it, of course).
 */
public final class DispatchBenchmark {
    /**
     * @param rooms distinct new rooms
     * @param clients placement calls in total, client {@code i} joining room {@code i % rooms}
     * @param threads dispatch lanes, i.e. concurrent Redis connections
     * @param inFlight requests outstanding at once (a closed loop: each answer lets the next one in)
     * @param nodes synthetic nodes to place on
     * @param workersPerNode workers each synthetic node reports
     */
    public record Settings(int rooms, int clients, int threads, int inFlight, int nodes, int workersPerNode) {
        public static final int DEFAULT_THREADS = 4;
        public static final int DEFAULT_IN_FLIGHT = 256;

        public Settings {
            if (rooms < 1 || clients < 1 || threads < 1 || inFlight < 1 || nodes < 1 || workersPerNode < 1) {
                throw new IllegalArgumentException("all benchmark sizes must be >= 1");
            }
        }

        /** With {@link #DEFAULT_IN_FLIGHT} requests outstanding, or {@code threads} if more. */
        public Settings(int rooms, int clients, int threads, int nodes, int workersPerNode) {
            this(rooms, clients, threads, Math.max(threads, DEFAULT_IN_FLIGHT), nodes, workersPerNode);
        }

        public static Settings of(int rooms, int clients) {
            return new Settings(rooms, clients, DEFAULT_THREADS, DEFAULT_IN_FLIGHT, 3, 4);
        }
    }

    private static final String[] REGIONS = {"asia/cn/east", "asia/cn/north", "europe/de"};
    private static final String[] ISPS = {"telecom", "unicom", "mobile"};
    /** Warm-up calls at most; enough for the JIT to compile the path being measured. */
    private static final int MAX_WARMUP = 50_000;

    private DispatchBenchmark() {}

    public static BenchmarkResult run(RedisUrl url, Settings settings) {
        try (UnifiedJedis redis = RedisClients.open(url, settings.threads() + 2)) {
            return run(redis, settings);
        }
    }

    /** Runs on an open client, which stays open; its pool should allow {@code threads + 1} connections. */
    public static BenchmarkResult run(UnifiedJedis redis, Settings settings) {
        KeySpace keys = new KeySpace("mscluster-bench:" + UUID.randomUUID() + ":");
        Clock clock = Clock.systemUTC();
        // A lease longer than any run: the synthetic nodes send no heartbeats.
        RedisNodeRegistry registry = new RedisNodeRegistry(redis, keys, Duration.ofMinutes(10));
        RedisRoomDirectory directory = new RedisRoomDirectory(redis, keys, clock);
        RoomPlacer placer = new RoomPlacer(registry, directory, new NearestLeastLoadedPolicy(), clock);
        try (DispatchPipeline pipeline = new DispatchPipeline(placer, settings.threads())) {
            for (int n = 0; n < settings.nodes(); n++) {
                registry.register(NodeReport.idle(NodeIdentity.builder("bench-node-" + n)
                        .region(REGIONS[n % REGIONS.length]).isp(ISPS[n % ISPS.length])
                        .signalingUrl("ws://127.0.0.1:" + (4443 + n) + "/").build(),
                        settings.workersPerNode(), clock.instant()));
            }
            // A first round on other rooms lets the JIT compile the path being measured.
            measure(pipeline, settings, Math.min(settings.clients(), MAX_WARMUP), "bench-warmup");
            return measure(pipeline, settings, settings.clients(), "bench");
        } finally {
            deleteAll(redis, keys);
        }
    }

    private static BenchmarkResult measure(DispatchPipeline pipeline, Settings s, int clients, String namespace) {
        long[] latencies = new long[clients];
        boolean[] ok = new boolean[clients];
        RoomKey[] rooms = new RoomKey[s.rooms()];
        for (int r = 0; r < rooms.length; r++) {
            rooms[r] = new RoomKey(namespace, "room-" + r);
        }
        ClientInfo[] locations = new ClientInfo[REGIONS.length];
        for (int i = 0; i < locations.length; i++) {
            locations[i] = ClientInfo.of(REGIONS[i] + "/city", ISPS[i]);
        }
        Map<RoomKey, Set<String>> targets = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(clients);
        Runnable[] submitNext = new Runnable[1];
        submitNext[0] = () -> {
            int i = next.getAndIncrement();
            if (i >= clients) {
                return;
            }
            RoomKey room = rooms[i % rooms.length];
            long t0 = System.nanoTime();
            pipeline.dispatch(room, locations[i % locations.length]).whenComplete((d, error) -> {
                latencies[i] = System.nanoTime() - t0;
                if (d != null) {
                    ok[i] = true;
                    targets.computeIfAbsent(room, k -> ConcurrentHashMap.newKeySet())
                            .add(d.placement().nodeId() + "#" + d.placement().workerIndex());
                }
                done.countDown();
                submitNext[0].run();
            });
        };
        long began = System.nanoTime();
        for (int k = 0; k < Math.min(s.inFlight(), clients); k++) {
            submitNext[0].run();
        }
        try {
            if (!done.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException("benchmark did not finish within 10 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("benchmark interrupted", e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
        return summarise(s, clients, latencies, ok, targets, elapsed);
    }

    private static BenchmarkResult summarise(Settings s, int clients, long[] latencies, boolean[] ok,
            Map<RoomKey, Set<String>> targets, Duration elapsed) {
        int decisions = 0;
        long[] good = new long[latencies.length];
        for (int i = 0; i < latencies.length; i++) {
            if (ok[i]) {
                good[decisions++] = latencies[i];
            }
        }
        LatencySummary summary = new LatencySummary(Arrays.copyOf(good, decisions));
        int split = (int) targets.values().stream().filter(t -> t.size() > 1).count();
        double perSecond = decisions / Math.max(1e-9, elapsed.toNanos() / 1e9);
        return new BenchmarkResult(s.rooms(), clients, s.threads(), s.inFlight(), decisions, clients - decisions, split,
                elapsed, perSecond, summary.percentileMicros(50), summary.percentileMicros(99), summary.maxMicros());
    }

    private static void deleteAll(UnifiedJedis redis, KeySpace keys) {
        ScanParams match = new ScanParams().match(keys.prefix() + "*").count(1000);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = redis.scan(cursor, match);
            if (!page.getResult().isEmpty()) {
                redis.del(page.getResult().toArray(String[]::new));
            }
            cursor = page.getCursor();
        } while (!ScanParams.SCAN_POINTER_START.equals(cursor));
    }
}
