package org.mscluster.signaling.it.cluster;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.model.HostLoad;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomSnapshot;
import org.mscluster.cluster.model.WorkerLoad;
import org.mscluster.cluster.redis.LocalRedisServer;
import org.mscluster.cluster.redis.RedisUrl;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.cluster.token.TokenIssuer;
import org.mscluster.signaling.dispatcher.DispatcherConfig;
import org.mscluster.signaling.dispatcher.DispatcherOperations;
import org.mscluster.signaling.dispatcher.DispatcherServer;

/**
 * Benchmark, not a test: N simulated nodes (default 100; 4 workers, 10 rooms of 5 peers each) publish
 * their report (load and rooms, one write) every second to a private redis-server; one dispatcher with its
 * operations reads the cluster every second and feeds one dashboard over SSE. Prints the dispatcher's
 * threads' CPU share, Redis commands per second (all of them, nodes included) and the dashboard's bytes per
 * second (on the wire: {@code gzip} asks for the compressed stream). Run from signaling-server/ with the test classpath:
 * {@code java -cp target/test-classes:target/classes:… org.mscluster.signaling.it.cluster.ClusterOperationsBench [nodes] [seconds] [gzip]}
 */
public final class ClusterOperationsBench {

    public static void main(String[] args) throws Exception {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        boolean gzip = args.length > 2 && args[2].equals("gzip");
        NamespaceSecrets secrets = NamespaceSecrets.parse(List.of("cluster=bench-0123456789abcdef0123456789abcdef"));
        try (LocalRedisServer redis = LocalRedisServer.start();
                ClusterStore store = ClusterStore.redis(RedisUrl.parse(redis.url()), ClusterStore.DEFAULT_KEY_PREFIX, Clock.systemUTC())) {
            List<NodeIdentity> identities = new ArrayList<>();
            for (int n = 0; n < nodes; n++) {
                NodeIdentity identity = NodeIdentity.builder(String.format("sim-%03d", n)).region("eu/de/" + (n % 5))
                        .isp("isp" + (n % 3)).signalingUrl("ws://10.0." + (n / 250) + "." + (n % 250) + ":4443/").build();
                identities.add(identity);
                store.registry().register(NodeReport.idle(identity, 4, Instant.now()));
            }
            ScheduledExecutorService simulator = Executors.newScheduledThreadPool(4);
            for (NodeIdentity identity : identities) {
                simulator.scheduleAtFixedRate(() -> {
                    store.registry().refresh(report(identity, Instant.now()));
                }, (long) (Math.random() * 1000), 1000, TimeUnit.MILLISECONDS);
            }
            DispatcherOperations operations = new DispatcherOperations(secrets, "cluster", null, null);
            try (DispatcherServer dispatcher = DispatcherServer.start(DispatcherConfig.builder().redisUrl(redis.url())
                    .port(0).extraRoutes(operations).build())) {
                String token = new TokenIssuer(secrets, Clock.systemUTC()).issueAdmin("cluster", "bench", Duration.ofHours(1));
                AtomicLong dashboardBytes = new AtomicLong();
                Thread dashboard = new Thread(() -> {
                    try {
                        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                URI.create(dispatcher.url() + "api/cluster/stream")).header("Authorization", "Bearer " + token)
                                .header("Accept-Encoding", gzip ? "gzip" : "identity").build(), HttpResponse.BodyHandlers.ofInputStream());
                        byte[] buffer = new byte[65536];
                        try (InputStream in = stream.body()) {
                            for (int read; (read = in.read(buffer)) >= 0; ) {
                                dashboardBytes.addAndGet(read);
                            }
                        }
                    } catch (Exception e) {
                        // closed at the end
                    }
                }, "bench-dashboard");
                dashboard.setDaemon(true);
                dashboard.start();
                Thread.sleep(5000); // warm-up: history sent, JIT
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                long cpu0 = dispatcherCpu(threads);
                long bytes0 = dashboardBytes.get();
                long commands0 = redis.commandsProcessed();
                long t0 = System.nanoTime();
                Thread.sleep(seconds * 1000L);
                double elapsed = (System.nanoTime() - t0) / 1e9;
                double cpuShare = (dispatcherCpu(threads) - cpu0) / 1e9 / elapsed;
                double ops = (redis.commandsProcessed() - commands0) / elapsed;
                double bytes = (dashboardBytes.get() - bytes0) / elapsed;
                System.out.printf("nodes=%d gzip=%b seconds=%.0f dispatcher_cpu_share_of_one_core=%.4f redis_commands_per_second=%.0f"
                        + " (nodes' writes included) dashboard_bytes_per_second=%.0f%n", nodes, gzip, elapsed, cpuShare, ops, bytes);
            }
            simulator.shutdownNow();
        }
        System.exit(0);
    }

    /** CPU time of the dispatcher's own threads (event loops, admin executor, feed, health probe). */
    private static long dispatcherCpu(ThreadMXBean threads) {
        long total = 0;
        for (long id : threads.getAllThreadIds()) {
            ThreadInfo info = threads.getThreadInfo(id);
            if (info == null) {
                continue;
            }
            String name = info.getThreadName();
            if (name.startsWith("dispatcher-") || name.startsWith("cluster-feed") || name.contains("nioEventLoop")
                    || name.contains("epoll") || name.contains("EventLoop")) {
                long cpu = threads.getThreadCpuTime(id);
                if (cpu > 0) {
                    total += cpu;
                }
            }
        }
        return total;
    }

    private static NodeReport report(NodeIdentity identity, Instant now) {
        List<RoomSnapshot> rooms = new ArrayList<>();
        for (int r = 0; r < 10; r++) {
            List<RoomSnapshot.Peer> peers = new ArrayList<>();
            for (int p = 0; p < 5; p++) {
                peers.add(new RoomSnapshot.Peer("peer-" + r + "-" + p, "Peer " + p, identity.region().toString(), identity.isp(),
                        true, now, List.of(new RoomSnapshot.Producer("a" + p, "audio", false),
                                new RoomSnapshot.Producer("v" + p, "video", false)), 8, 1_200_000, 4_800_000, List.of()));
            }
            rooms.add(new RoomSnapshot(RoomKey.of("acme", identity.id() + "-room-" + r), r % 4, now, peers));
        }
        List<WorkerLoad> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            workers.add(new WorkerLoad(w, 100 + w, true, 0.3, -1, 0, 0, 0, 0, 0, 0, 0).countedOver(rooms));
        }
        return new NodeReport(identity, new NodeLoad(new HostLoad(0.4, 0.5, 8L << 30, 16L << 30, 10_000_000, 40_000_000, 0, 0,
                0.3, 1, 3), workers, now), rooms);
    }

    private ClusterOperationsBench() {
    }

}
