package org.mscluster.cluster.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.HostLoad;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeSummary;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomSnapshot;
import org.mscluster.cluster.model.RoomTotals;
import org.mscluster.cluster.model.WorkerLoad;
import org.mscluster.cluster.placement.NearestLeastLoadedPolicy;
import org.mscluster.cluster.placement.PlacementSettings;
import org.mscluster.cluster.redis.KeySpace;
import org.mscluster.cluster.redis.LocalRedisServer;
import org.mscluster.cluster.redis.RedisClients;
import org.mscluster.cluster.redis.RedisNodeRegistry;
import org.mscluster.cluster.redis.RedisRoomDirectory;
import org.mscluster.cluster.redis.RedisUrl;
import redis.clients.jedis.UnifiedJedis;

/**
 * The cluster layer at scale, on a private {@code redis-server} of its own (it restarts it and reads
 * its memory figures, so it never runs against a shared one):
 *
 * <ol>
 *   <li><b>Fill.</b> {@code nodes} synthetic nodes (several regions and ISPs, loads drawn at
 *       random) register through the registry's script, then each re-asserts its share of
 *       {@code rooms} rooms through the directory's own {@code reassert.lua}, {@code fillThreads}
 *       nodes at a time: exactly what the fleet does after a Redis restart, so the fill's duration
 *       is the fleet's rebuild time. {@code used_memory} before and after each step gives bytes per
 *       node and per directory room; then each node's report is written again with its rooms
 *       ({@code peersPerRoom} peers each), which gives the bytes a room costs in the reports.
 *   <li><b>Placement.</b> Decisions at a fixed offered rate through a {@link DispatchPipeline}
 *       with {@code lanes} lanes: a share {@code newRoomShare} opens new rooms, the rest join rooms
 *       of the fill chosen at random. Open loop: request {@code i} is due at {@code start + i/rate}
 *       and its latency runs from then, so queueing behind a slow decision counts. Joins are
 *       checked against the node the fill gave their room.
 *   <li><b>Rebuild.</b> The server is killed and started again empty; one node then registers and
 *       re-asserts its rooms, timed for each of {@code rebuildSizes}.
 * </ol>
 *
 * <p>A benchmark: it reports figures and asserts none of them.
 */
public final class ScaleBenchmark {

    /**
     * @param nodes synthetic nodes
     * @param rooms rooms of the fill, room {@code r} on node {@code r % nodes}
     * @param workersPerNode workers each node reports
     * @param peersPerRoom peers of each room in the nodes' reports (0: reports without rooms)
     * @param rate placement decisions offered per second
     * @param duration measured placement time
     * @param warmup placement at the same rate before measuring, on the same data
     * @param newRoomShare share of decisions that open a new room, 0..1
     * @param lanes dispatch lanes (Redis connections of the placer)
     * @param fillThreads nodes writing at once during the fill
     * @param roomCapacity the placement's rooms per node (a node at it takes no new room)
     * @param rebuildSizes rooms of the one node re-asserting after the restart, one timing each
     */
    public record Settings(int nodes, int rooms, int workersPerNode, int peersPerRoom, int rate, Duration duration,
            Duration warmup, double newRoomShare, int lanes, int fillThreads, int roomCapacity, List<Integer> rebuildSizes) {
        public Settings {
            if (nodes < 1 || rooms < 0 || workersPerNode < 1 || peersPerRoom < 0 || rate < 1 || lanes < 1
                    || fillThreads < 1 || roomCapacity < 1) {
                throw new IllegalArgumentException("scale benchmark sizes must be positive");
            }
            if (!(newRoomShare >= 0 && newRoomShare <= 1)) {
                throw new IllegalArgumentException("newRoomShare must be in [0, 1]: " + newRoomShare);
            }
            if (duration.isNegative() || duration.isZero() || warmup.isNegative()) {
                throw new IllegalArgumentException("duration must be > 0 and warmup >= 0");
            }
            if (rooms == 0 && newRoomShare < 1) {
                throw new IllegalArgumentException("joins need rooms: give rooms > 0 or newRoomShare 1");
            }
            rebuildSizes = List.copyOf(rebuildSizes);
        }

        /** Issue 18's figures: 1,000 nodes, 1,000,000 rooms, 10,000 decisions/s for 30 s. */
        public static Settings issue18() {
            return new Settings(1_000, 1_000_000, 4, 2, 10_000, Duration.ofSeconds(30), Duration.ofSeconds(5), 0.1, 4, 4,
                    10_000, List.of(1_000, 10_000));
        }
    }

    /** What the fill cost: time and Redis memory ({@code used_memory}). */
    public record Fill(int nodes, int rooms, int regions, long registerMillis, long reassertMillis, long memoryEmpty,
            long memoryWithNodes, long memoryWithRooms, long memoryWithReports, long reportsMillis,
            long largestReportBytes) {
        public long bytesPerNode() {
            return (memoryWithNodes - memoryEmpty) / Math.max(1, nodes);
        }

        /** The directory's keys per room: the room's hash, its node's index entry. */
        public long bytesPerRoom() {
            return (memoryWithRooms - memoryWithNodes) / Math.max(1, rooms);
        }

        /** The room's part of its node's report (the {@code rooms} JSON field). */
        public long reportBytesPerRoom() {
            return (memoryWithReports - memoryWithRooms) / Math.max(1, rooms);
        }

        /** Every node registering and re-asserting its rooms into an empty Redis. */
        public long fleetRebuildMillis() {
            return registerMillis + reassertMillis;
        }
    }

    /**
     * Placement at a fixed offered rate; latencies from each request's due time. The costs (CPU of
     * this JVM and of {@code redis-server} per decision, this JVM's collections during the measured
     * time) move far less than the latencies when the machine is shared, so they compare runs on a
     * busy machine.
     */
    public record Placement(int offeredRate, double seconds, int offered, int decisions, int failures, int newRooms,
            int joins, int misplacedJoins, double decisionsPerSecond, long p50Micros, long p99Micros, long p999Micros,
            long maxMicros, Costs costs) {
    }

    /**
     * @param jvmCpuMicrosPerDecision this process's CPU (placer, offering thread, collector) per decision
     * @param redisCpuMicrosPerDecision {@code redis-server}'s CPU ({@code used_cpu_user + used_cpu_sys}) per decision
     * @param gcPauses this JVM's collections during the measured time
     * @param gcMillis their total time as the JVM reports it
     */
    public record Costs(double jvmCpuMicrosPerDecision, double redisCpuMicrosPerDecision, long gcPauses, long gcMillis) {
    }

    /** One node's rebuild after a Redis restart: register, then re-assert {@code rooms} rooms. */
    public record Rebuild(int rooms, long registerMicros, long reassertMillis, int conflicts) {
    }

    /**
     * @param reportsRead every node's report read once, as a dispatcher's admin API and dashboard feed do;
     *     null when the reports carry no rooms
     * @param summariesRead every node's summary read once (rooms added up, no room list), as the summary view,
     *     the dashboard's history and a large cluster's feed do; {@code rooms} is what the totals count
     */
    public record Result(Settings settings, Fill fill, Placement placement, ReportsRead reportsRead, ReportsRead summariesRead,
            List<Rebuild> rebuilds) {
    }

    /** One read of every node's whole report (rooms included): what the admin API's views start from. */
    public record ReportsRead(long millis, int nodes, long rooms) {
    }

    private static ReportsRead readReports(RedisNodeRegistry registry) {
        long t0 = System.nanoTime();
        List<NodeReport> all = registry.reports();
        return new ReportsRead(millisSince(t0), all.size(), all.stream().mapToLong(r -> r.rooms().size()).sum());
    }

    private static ReportsRead readSummaries(RedisNodeRegistry registry) {
        long t0 = System.nanoTime();
        List<NodeSummary> all = registry.summaries();
        return new ReportsRead(millisSince(t0), all.size(), all.stream().flatMap(n -> n.namespaces().values().stream())
                .mapToLong(RoomTotals::rooms).sum());
    }

    static final String[] REGIONS = {"asia/cn/east", "asia/cn/north", "asia/cn/south", "asia/jp/tokyo",
        "europe/de/fra", "europe/uk/lon", "america/us/east", "america/us/west"};
    static final String[] ISPS = {"telecom", "unicom", "mobile"};
    private static final String NAMESPACE = "scale";

    private ScaleBenchmark() {}

    /** Runs on a private {@code redis-server} started for the run and stopped after it. */
    public static Result run(Settings s) {
        try (LocalRedisServer server = LocalRedisServer.start()) {
            return run(server, s);
        }
    }

    /** Runs on {@code server}, which it fills and restarts: give it a server of its own. */
    public static Result run(LocalRedisServer server, Settings s) {
        KeySpace keys = KeySpace.defaults();
        Clock clock = Clock.systemUTC();
        try (UnifiedJedis redis = RedisClients.open(RedisUrl.parse(server.url()), s.lanes() + s.fillThreads() + 4)) {
            RedisRoomDirectory directory = new RedisRoomDirectory(redis, keys, clock);
            Fill fill = fill(server, redis, keys, registry(redis, keys), directory, s, clock);
            // The fill's registry remembered every simulated node's rooms (what 1,000 node processes would
            // each keep of their own): placement gets a dispatcher's registry and a heap without them.
            System.gc();
            Placement placement = place(server, registry(redis, keys), directory, s, clock);
            ReportsRead reportsRead = s.peersPerRoom() > 0 ? readReports(registry(redis, keys)) : null;
            ReportsRead summariesRead = readSummaries(registry(redis, keys));
            RedisNodeRegistry registry = registry(redis, keys);
            List<Rebuild> rebuilds = new ArrayList<>();
            for (int size : s.rebuildSizes()) {
                server.restart();
                registry.generation(); // reconnects the pool, outside the timing
                rebuilds.add(rebuild(registry, directory, s, size, clock));
            }
            return new Result(s, fill, placement, reportsRead, summariesRead, rebuilds);
        }
    }

    /** A lease longer than any run: the synthetic nodes send no heartbeats. */
    private static RedisNodeRegistry registry(UnifiedJedis redis, KeySpace keys) {
        return new RedisNodeRegistry(redis, keys, Duration.ofHours(1));
    }

    static String nodeId(int n) {
        return String.format("node-%04d", n);
    }

    static RoomKey room(int r) {
        return new RoomKey(NAMESPACE, "room-" + r);
    }

    private static NodeIdentity identity(int n) {
        return NodeIdentity.builder(nodeId(n)).region(REGIONS[n % REGIONS.length]).isp(ISPS[(n / REGIONS.length) % ISPS.length])
                .signalingUrl("wss://" + nodeId(n) + ".example.net:4443/").build();
    }

    /** A busy node's figures: host and workers drawn at random, rooms and peers as given. */
    private static NodeLoad load(int n, int rooms, int peersPerRoom, int workers, Instant at) {
        SplittableRandom random = new SplittableRandom(n);
        long memTotal = 32L << 30;
        double memory = 0.2 + random.nextDouble() * 0.4;
        HostLoad host = new HostLoad(0.05 + random.nextDouble() * 0.55, memory, (long) (memory * memTotal), memTotal,
                random.nextLong(5_000_000, 40_000_000), random.nextLong(5_000_000, 40_000_000),
                random.nextLong(1L << 40), random.nextLong(1L << 40), 0.3, 300L << 30, 1L << 40);
        List<WorkerLoad> w = new ArrayList<>(workers);
        for (int i = 0; i < workers; i++) {
            int r = rooms / workers + (i < rooms % workers ? 1 : 0);
            int peers = r * peersPerRoom;
            w.add(new WorkerLoad(i, 10_000 + n * workers + i, true, 0.05 + random.nextDouble() * 0.6, 400L << 20, r, peers,
                    peers * 2, peers * Math.max(0, peersPerRoom - 1) * 2, peers * 600_000L,
                    peers * Math.max(1, peersPerRoom - 1) * 600_000L, 0));
        }
        return new NodeLoad(host, w, at);
    }

    /** Node {@code n}'s rooms of the fill: {@code r ≡ n (mod nodes)}, worker by rank on the node. */
    private static Map<RoomKey, Integer> roomsOf(int n, Settings s) {
        Map<RoomKey, Integer> out = new HashMap<>();
        int rank = 0;
        for (int r = n; r < s.rooms(); r += s.nodes()) {
            out.put(room(r), rank++ % s.workersPerNode());
        }
        return out;
    }

    /**
     * The rooms of a node's report, with ids as random as real ones (peer ids as the demo's client
     * makes them, producer and transport ids as mediasoup's UUIDs): the stored report is deflated, and
     * ids made of the room's name would shrink to nothing and flatter its size.
     */
    private static List<RoomSnapshot> snapshots(Map<RoomKey, Integer> rooms, int peersPerRoom, Instant at) {
        List<RoomSnapshot> out = new ArrayList<>(rooms.size());
        rooms.forEach((key, worker) -> {
            SplittableRandom random = new SplittableRandom(key.hashCode());
            List<RoomSnapshot.Peer> peers = new ArrayList<>(peersPerRoom);
            for (int p = 0; p < peersPerRoom; p++) {
                String id = Long.toString(random.nextLong(36L * 36 * 36 * 36 * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36 * 36 * 36 * 36), 36);
                long in = random.nextLong(100_000, 2_500_000);
                long outRate = in * Math.max(1, peersPerRoom - 1);
                peers.add(new RoomSnapshot.Peer(id, "Peer " + id.substring(0, 4), REGIONS[p % REGIONS.length] + "/city",
                        ISPS[p % ISPS.length], true, at.minusMillis(random.nextInt(3_600_000)),
                        List.of(new RoomSnapshot.Producer(uuid(random), "audio", false),
                                new RoomSnapshot.Producer(uuid(random), "video", random.nextInt(10) == 0)),
                        2 * Math.max(0, peersPerRoom - 1), in, outRate,
                        List.of(new RoomSnapshot.TransportBytes(uuid(random), random.nextLong(1L << 34), random.nextLong(1L << 24)),
                                new RoomSnapshot.TransportBytes(uuid(random), random.nextLong(1L << 24), random.nextLong(1L << 34)))));
            }
            out.add(new RoomSnapshot(key, worker, at, peers));
        });
        return out;
    }

    private static String uuid(SplittableRandom random) {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }

    private static Fill fill(LocalRedisServer server, UnifiedJedis redis, KeySpace keys, RedisNodeRegistry registry,
            RedisRoomDirectory directory, Settings s, Clock clock) {
        long empty = server.usedMemory();
        ExecutorService pool = Executors.newFixedThreadPool(s.fillThreads());
        try {
            long t0 = System.nanoTime();
            forEachNode(pool, s.nodes(), n -> () -> registry.register(new NodeReport(identity(n),
                    load(n, roomsOf(n, s).size(), s.peersPerRoom(), s.workersPerNode(), clock.instant()), List.of())));
            long registerMillis = millisSince(t0);
            long withNodes = server.usedMemory();
            t0 = System.nanoTime();
            forEachNode(pool, s.nodes(), n -> () -> {
                if (!directory.reassert(nodeId(n), roomsOf(n, s), false).isEmpty()) {
                    throw new IllegalStateException("the fill's rooms were held elsewhere");
                }
            });
            long reassertMillis = millisSince(t0);
            long withRooms = server.usedMemory();
            long withReports = withRooms;
            long reportsMillis = 0;
            long largest = 0;
            if (s.peersPerRoom() > 0) {
                t0 = System.nanoTime();
                forEachNode(pool, s.nodes(), n -> () -> {
                    Map<RoomKey, Integer> rooms = roomsOf(n, s);
                    registry.refresh(new NodeReport(identity(n), load(n, rooms.size(), s.peersPerRoom(),
                            s.workersPerNode(), clock.instant()), snapshots(rooms, s.peersPerRoom(), clock.instant())));
                });
                reportsMillis = millisSince(t0);
                withReports = server.usedMemory();
                for (int n = 0; n < Math.min(s.nodes(), s.rooms()); n++) {
                    largest = Math.max(largest, redis.hstrlen(keys.node(nodeId(n)), "rooms-deflated"));
                }
            }
            return new Fill(s.nodes(), s.rooms(), Math.min(s.nodes(), REGIONS.length), registerMillis, reassertMillis,
                    empty, withNodes, withRooms, withReports, reportsMillis, largest);
        } finally {
            pool.shutdownNow();
        }
    }

    private static void forEachNode(ExecutorService pool, int nodes, IntFunction<Runnable> task) {
        List<Future<?>> all = new ArrayList<>(nodes);
        for (int n = 0; n < nodes; n++) {
            all.add(pool.submit(task.apply(n)));
        }
        try {
            for (Future<?> f : all) {
                f.get();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("fill failed: " + e.getCause(), e.getCause());
        }
    }

    private static Placement place(LocalRedisServer server, RedisNodeRegistry registry, RedisRoomDirectory directory,
            Settings s, Clock clock) {
        PlacementSettings settings = PlacementSettings.builder().roomCapacity(s.roomCapacity()).build();
        RoomPlacer placer = new RoomPlacer(registry, directory, new NearestLeastLoadedPolicy(settings), clock);
        try (DispatchPipeline pipeline = new DispatchPipeline(placer, s.lanes())) {
            if (!s.warmup().isZero()) {
                offer(pipeline, s, s.warmup(), "warmup-", 1, server);
            }
            return offer(pipeline, s, s.duration(), "new-", 2, server);
        }
    }

    /**
     * Offers {@code rate} decisions a second for {@code duration}, open loop: one thread hands in
     * every request that is due, whatever is still outstanding.
     */
    private static Placement offer(DispatchPipeline pipeline, Settings s, Duration duration, String newPrefix, long seed,
            LocalRedisServer server) {
        int total = (int) Math.min(Integer.MAX_VALUE - 8, (long) s.rate() * duration.toNanos() / 1_000_000_000L);
        long interval = 1_000_000_000L / s.rate();
        long[] latency = new long[total];
        boolean[] failed = new boolean[total];
        AtomicLong misplaced = new AtomicLong();
        CountDownLatch done = new CountDownLatch(total);
        ClientInfo[] clients = new ClientInfo[REGIONS.length * ISPS.length];
        for (int i = 0; i < clients.length; i++) {
            clients[i] = ClientInfo.of(REGIONS[i % REGIONS.length] + "/city", ISPS[i / REGIONS.length]);
        }
        SplittableRandom random = new SplittableRandom(seed);
        int newRooms = 0;
        CostMeter cost = CostMeter.start(server);
        long start = System.nanoTime() + 1_000_000;
        int i = 0;
        while (i < total) {
            long due = Math.min(total, (System.nanoTime() - start) / interval + 1);
            for (; i < due; i++) {
                long offeredAt = start + i * interval;
                int index = i;
                RoomKey room;
                String expected;
                if (random.nextDouble() < s.newRoomShare()) {
                    room = new RoomKey(NAMESPACE, newPrefix + newRooms++);
                    expected = null;
                } else {
                    int r = random.nextInt(s.rooms());
                    room = room(r);
                    expected = nodeId(r % s.nodes());
                }
                pipeline.dispatch(room, clients[random.nextInt(clients.length)]).whenComplete((d, error) -> {
                    latency[index] = System.nanoTime() - offeredAt;
                    if (error != null) {
                        failed[index] = true;
                    } else if (expected != null && !expected.equals(d.placement().nodeId())) {
                        misplaced.incrementAndGet();
                    }
                    done.countDown();
                });
            }
            LockSupport.parkNanos(50_000);
        }
        try {
            if (!done.await(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("decisions still outstanding 2 minutes after the last was offered");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Costs costs = cost.stop(total);
        long[] good = new long[total];
        int decisions = 0;
        for (int k = 0; k < total; k++) {
            if (!failed[k]) {
                good[decisions++] = latency[k];
            }
        }
        LatencySummary summary = new LatencySummary(java.util.Arrays.copyOf(good, decisions));
        return new Placement(s.rate(), Math.round(seconds * 1000) / 1000.0, total, decisions, total - decisions, newRooms,
                total - newRooms, (int) misplaced.get(), decisions / seconds, summary.percentileMicros(50),
                summary.percentileMicros(99), summary.percentileMicros(99.9), summary.maxMicros(), costs);
    }

    /** CPU and collections from {@link #start} to {@link #stop}. */
    private record CostMeter(LocalRedisServer server, long jvmCpuNanos, double redisCpuSeconds, long gcCount, long gcMillis) {
        static CostMeter start(LocalRedisServer server) {
            long[] gc = gc();
            return new CostMeter(server, processCpuNanos(), server.cpuSeconds(), gc[0], gc[1]);
        }

        Costs stop(int decisions) {
            long[] gc = gc();
            double jvm = (processCpuNanos() - jvmCpuNanos) / 1e3 / Math.max(1, decisions);
            double redis = (server.cpuSeconds() - redisCpuSeconds) * 1e6 / Math.max(1, decisions);
            return new Costs(Math.round(jvm * 10) / 10.0, Math.round(redis * 10) / 10.0, gc[0] - gcCount, gc[1] - gcMillis);
        }

        private static long processCpuNanos() {
            return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
        }

        private static long[] gc() {
            long count = 0;
            long millis = 0;
            for (var bean : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
                count += Math.max(0, bean.getCollectionCount());
                millis += Math.max(0, bean.getCollectionTime());
            }
            return new long[] {count, millis};
        }
    }

    /** A node with {@code size} rooms rebuilding its part into an empty Redis: register, re-assert. */
    private static Rebuild rebuild(RedisNodeRegistry registry, RedisRoomDirectory directory, Settings s, int size,
            Clock clock) {
        Map<RoomKey, Integer> rooms = new HashMap<>();
        for (int r = 0; r < size; r++) {
            rooms.put(new RoomKey(NAMESPACE, "rebuild-" + r), r % s.workersPerNode());
        }
        NodeReport report = new NodeReport(identity(0), load(0, size, s.peersPerRoom(), s.workersPerNode(), clock.instant()),
                List.of());
        long t0 = System.nanoTime();
        registry.register(report);
        long registerMicros = (System.nanoTime() - t0) / 1_000;
        t0 = System.nanoTime();
        int conflicts = directory.reassert(report.nodeId(), rooms, false).size();
        return new Rebuild(size, registerMicros, millisSince(t0), conflicts);
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }
}
