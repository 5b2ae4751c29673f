package org.mscluster.cli;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mscluster.cluster.dispatch.ScaleBenchmark;
import org.mscluster.cluster.redis.LocalRedisServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mscluster bench scale}: the cluster layer with issue 18's numbers ({@link ScaleBenchmark}):
 * a directory of a million rooms on a thousand nodes, placement at a fixed offered rate, Redis
 * memory per room, a node's rebuild after a Redis restart. Always on a private {@code redis-server}:
 * it restarts the server and reads its memory.
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = {"The directory, placement and registry at scale on a private redis-server: fill N nodes and "
                + "M rooms, offer placement decisions at a fixed rate (latency from each request's due time), "
                + "Redis memory per node and per room, one node's rebuild after a Redis restart; prints one JSON object."})
final class ScaleBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", defaultValue = "1000", description = "simulated nodes (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--rooms", defaultValue = "1000000", description = "rooms in the directory before placement (default ${DEFAULT-VALUE})")
    int rooms;

    @Option(names = "--workers-per-node", defaultValue = "4", description = "workers per node (default ${DEFAULT-VALUE})")
    int workersPerNode;

    @Option(names = "--peers-per-room", defaultValue = "2",
            description = "peers per room in the nodes' reports; 0 leaves rooms out of the reports (default ${DEFAULT-VALUE})")
    int peersPerRoom;

    @Option(names = "--rate", defaultValue = "10000", description = "placement decisions offered per second (default ${DEFAULT-VALUE})")
    int rate;

    @Option(names = "--seconds", defaultValue = "30", description = "measured placement time (default ${DEFAULT-VALUE})")
    int seconds;

    @Option(names = "--warmup-seconds", defaultValue = "5", description = "placement at the same rate before measuring (default ${DEFAULT-VALUE})")
    int warmupSeconds;

    @Option(names = "--new-room-share", defaultValue = "0.1",
            description = "share of decisions opening a new room, the rest join rooms of the fill (default ${DEFAULT-VALUE})")
    double newRoomShare;

    @Option(names = "--lanes", defaultValue = "4", description = "dispatch lanes, i.e. the placer's Redis connections (default ${DEFAULT-VALUE})")
    int lanes;

    @Option(names = "--fill-threads", defaultValue = "4", description = "nodes writing at once during the fill (default ${DEFAULT-VALUE})")
    int fillThreads;

    @Option(names = "--room-capacity", defaultValue = "10000",
            description = "the placement's rooms per node; the fill puts rooms/nodes on each (default ${DEFAULT-VALUE})")
    int roomCapacity;

    @Option(names = "--redis-huge-pages", defaultValue = "true", arity = "1", paramLabel = "true|false",
            description = "run the benchmark's redis-server with transparent huge pages, as the README recommends"
                    + " (default ${DEFAULT-VALUE})")
    boolean redisHugePages;

    @Option(names = "--rebuild-rooms", split = ",", defaultValue = "1000,10000",
            description = "rooms of the one node re-asserting after a Redis restart, one run each (default ${DEFAULT-VALUE})")
    List<Integer> rebuildRooms;

    @Override
    public Integer call() {
        if (seconds < 1 || warmupSeconds < 0) {
            throw new IllegalArgumentException("--seconds must be >= 1 and --warmup-seconds >= 0");
        }
        ScaleBenchmark.Settings settings = new ScaleBenchmark.Settings(nodes, rooms, workersPerNode, peersPerRoom, rate,
                Duration.ofSeconds(seconds), Duration.ofSeconds(warmupSeconds), newRoomShare, lanes, fillThreads,
                roomCapacity, rebuildRooms);
        ScaleBenchmark.Result r;
        try (LocalRedisServer server = LocalRedisServer.start(redisHugePages)) {
            r = ScaleBenchmark.run(server, settings);
        }
        Map<String, Object> out = report(r);
        out.put("redisHugePages", redisHugePages);
        spec.commandLine().getOut().println(Json.write(out));
        spec.commandLine().getOut().flush();
        ScaleBenchmark.Placement p = r.placement();
        return p.failures() == 0 && p.misplacedJoins() == 0 ? 0 : 1;
    }

    static Map<String, Object> report(ScaleBenchmark.Result r) {
        ScaleBenchmark.Fill f = r.fill();
        ScaleBenchmark.Placement p = r.placement();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "scale");
        out.put("nodes", f.nodes());
        out.put("regions", f.regions());
        out.put("rooms", f.rooms());
        out.put("workersPerNode", r.settings().workersPerNode());
        out.put("peersPerRoom", r.settings().peersPerRoom());
        Map<String, Object> fill = new LinkedHashMap<>();
        fill.put("registerSeconds", f.registerMillis() / 1e3);
        fill.put("reassertSeconds", f.reassertMillis() / 1e3);
        fill.put("fleetRebuildSeconds", f.fleetRebuildMillis() / 1e3);
        fill.put("reportsSeconds", f.reportsMillis() / 1e3);
        fill.put("threads", r.settings().fillThreads());
        out.put("fill", fill);
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("usedMemoryEmpty", f.memoryEmpty());
        memory.put("usedMemoryWithNodes", f.memoryWithNodes());
        memory.put("usedMemoryWithRooms", f.memoryWithRooms());
        memory.put("usedMemoryWithReports", f.memoryWithReports());
        memory.put("bytesPerNode", f.bytesPerNode());
        memory.put("bytesPerRoom", f.bytesPerRoom());
        memory.put("reportBytesPerRoom", f.reportBytesPerRoom());
        memory.put("largestReportRoomsStoredBytes", f.largestReportBytes()); // deflated, as a node stores them
        out.put("memory", memory);
        Map<String, Object> placement = new LinkedHashMap<>();
        placement.put("offeredPerSecond", p.offeredRate());
        placement.put("seconds", p.seconds());
        placement.put("lanes", r.settings().lanes());
        placement.put("roomCapacity", r.settings().roomCapacity());
        placement.put("offered", p.offered());
        placement.put("decisions", p.decisions());
        placement.put("failures", p.failures());
        placement.put("newRooms", p.newRooms());
        placement.put("joins", p.joins());
        placement.put("misplacedJoins", p.misplacedJoins());
        placement.put("decisionsPerSecond", Math.round(p.decisionsPerSecond()));
        placement.put("p50Us", p.p50Micros());
        placement.put("p99Us", p.p99Micros());
        placement.put("p999Us", p.p999Micros());
        placement.put("maxUs", p.maxMicros());
        placement.put("jvmCpuUsPerDecision", p.costs().jvmCpuMicrosPerDecision());
        placement.put("redisCpuUsPerDecision", p.costs().redisCpuMicrosPerDecision());
        placement.put("gcPauses", p.costs().gcPauses());
        placement.put("gcMs", p.costs().gcMillis());
        out.put("placement", placement);
        if (r.reportsRead() != null) {
            // Every node's report with its rooms, once: what the admin API's views and the dashboard's feed read.
            out.put("reportsRead", Map.of("seconds", r.reportsRead().millis() / 1e3, "nodes", r.reportsRead().nodes(),
                    "rooms", r.reportsRead().rooms()));
        }
        // Every node's summary once (rooms added up, no room list): the summary view, the history, a large cluster's feed.
        out.put("summariesRead", Map.of("seconds", r.summariesRead().millis() / 1e3, "nodes", r.summariesRead().nodes(),
                "rooms", r.summariesRead().rooms()));
        out.put("rebuildAfterRestart", r.rebuilds().stream().map(b -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("rooms", b.rooms());
            m.put("registerUs", b.registerMicros());
            m.put("reassertMs", b.reassertMillis());
            m.put("conflicts", b.conflicts());
            return m;
        }).toList());
        return out;
    }
}
