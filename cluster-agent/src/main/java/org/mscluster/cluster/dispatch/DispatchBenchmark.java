package org.mscluster.cluster.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
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
 * Measures the dispatcher's decision path against a real Redis: {@code clients} concurrent
 * placement calls spread over {@code rooms} new rooms, on synthetic nodes, through the same
 * {@link RoomPlacer} the dispatcher uses. The first call for each room races the others to claim
 * it; the rest find it placed. Also checks that no room was split. An unmeasured first round
 * on other rooms warms the JIT.
 *
 * <p>Everything is written under a fresh key prefix and deleted afterwards, so it may run against
 * a Redis that a live cluster uses (it adds load to it, of course).
 */
public final class DispatchBenchmark {
    /**
     * @param rooms distinct new rooms
     * @param clients placement calls in total, client {@code i} joining room {@code i % rooms}
     * @param threads concurrent callers (and Redis connections)
     * @param nodes synthetic nodes to place on
     * @param workersPerNode workers each synthetic node reports
     */
    public record Settings(int rooms, int clients, int threads, int nodes, int workersPerNode) {
        public Settings {
            if (rooms < 1 || clients < 1 || threads < 1 || nodes < 1 || workersPerNode < 1) {
                throw new IllegalArgumentException("all benchmark sizes must be >= 1");
            }
        }

        public static Settings of(int rooms, int clients) {
            return new Settings(rooms, clients, Math.min(64, Math.max(4, Runtime.getRuntime().availableProcessors() * 8)),
                    3, 4);
        }
    }

    private static final String[] REGIONS = {"asia/cn/east", "asia/cn/north", "europe/de"};
    private static final String[] ISPS = {"telecom", "unicom", "mobile"};

    private DispatchBenchmark() {}

    public static BenchmarkResult run(RedisUrl url, Settings settings) {
        try (UnifiedJedis redis = RedisClients.open(url, settings.threads() + 2)) {
            return run(redis, settings);
        }
    }

    /** Runs on an open client, which stays open. */
    public static BenchmarkResult run(UnifiedJedis redis, Settings settings) {
        KeySpace keys = new KeySpace("mscluster-bench:" + UUID.randomUUID() + ":");
        Clock clock = Clock.systemUTC();
        // A lease longer than any run: the synthetic nodes send no heartbeats.
        RedisNodeRegistry registry = new RedisNodeRegistry(redis, keys, Duration.ofMinutes(10));
        RedisRoomDirectory directory = new RedisRoomDirectory(redis, keys, clock);
        RoomPlacer placer = new RoomPlacer(registry, directory, new NearestLeastLoadedPolicy(), clock);
        try {
            for (int n = 0; n < settings.nodes(); n++) {
                registry.register(NodeIdentity.builder("bench-node-" + n)
                        .region(REGIONS[n % REGIONS.length]).isp(ISPS[n % ISPS.length])
                        .signalingUrl("ws://127.0.0.1:" + (4443 + n) + "/").build(),
                        NodeLoad.idle(settings.workersPerNode(), clock.instant()));
            }
            // A first round on other rooms lets the JIT compile the path being measured.
            measure(placer, settings, "bench-warmup");
            return measure(placer, settings, "bench");
        } finally {
            deleteAll(redis, keys);
        }
    }

    private static BenchmarkResult measure(RoomPlacer placer, Settings s, String namespace) {
        long[] latencies = new long[s.clients()];
        boolean[] ok = new boolean[s.clients()];
        Map<RoomKey, Set<String>> targets = new ConcurrentHashMap<>();
        AtomicInteger next = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(s.threads(), r -> {
            Thread t = new Thread(r, "dispatch-bench");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < s.threads(); t++) {
                workers.add(pool.submit(() -> {
                    start.await();
                    for (int i = next.getAndIncrement(); i < s.clients(); i = next.getAndIncrement()) {
                        RoomKey room = new RoomKey(namespace, "room-" + (i % s.rooms()));
                        ClientInfo client = ClientInfo.of(REGIONS[i % REGIONS.length] + "/city", ISPS[i % ISPS.length]);
                        long t0 = System.nanoTime();
                        try {
                            RoomPlacement p = placer.placeRoom(room, client);
                            latencies[i] = System.nanoTime() - t0;
                            ok[i] = true;
                            targets.computeIfAbsent(room, k -> ConcurrentHashMap.newKeySet())
                                    .add(p.nodeId() + "#" + p.workerIndex());
                        } catch (RuntimeException e) {
                            latencies[i] = System.nanoTime() - t0;
                        }
                    }
                    return null;
                }));
            }
            long began = System.nanoTime();
            start.countDown();
            for (Future<?> w : workers) {
                w.get();
            }
            Duration elapsed = Duration.ofNanos(System.nanoTime() - began);
            return summarise(s, latencies, ok, targets, elapsed);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("benchmark interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("benchmark worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    private static BenchmarkResult summarise(Settings s, long[] latencies, boolean[] ok,
            Map<RoomKey, Set<String>> targets, Duration elapsed) {
        int decisions = 0;
        long[] good = new long[latencies.length];
        for (int i = 0; i < latencies.length; i++) {
            if (ok[i]) {
                good[decisions++] = latencies[i];
            }
        }
        LatencySummary summary = new LatencySummary(java.util.Arrays.copyOf(good, decisions));
        int split = (int) targets.values().stream().filter(t -> t.size() > 1).count();
        double perSecond = decisions / Math.max(1e-9, elapsed.toNanos() / 1e9);
        return new BenchmarkResult(s.rooms(), s.clients(), s.threads(), decisions, s.clients() - decisions, split,
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
