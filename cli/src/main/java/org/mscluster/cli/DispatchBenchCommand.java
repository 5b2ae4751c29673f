package org.mscluster.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mscluster.cluster.dispatch.BenchmarkResult;
import org.mscluster.cluster.dispatch.DispatchBenchmark;
import org.mscluster.cluster.redis.LocalRedisServer;
import org.mscluster.cluster.redis.RedisUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mscluster bench dispatch}: placement decisions per second through the dispatcher's own
 * path ({@link DispatchBenchmark}), next to {@code redis-benchmark}'s EVAL rate on the same Redis,
 * which is what one script call per decision can at best approach.
 */
@Command(name = "dispatch", mixinStandardHelpOptions = true,
        description = {"Placement decisions/s and latency against a Redis, with redis-benchmark's EVAL rate on the same "
                + "Redis for comparison; prints one JSON object.",
                "Without --redis, a private redis-server is started on a free loopback port for the run."})
final class DispatchBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--redis", description = "Redis URL (redis://, rediss://, redis-sentinel://); default: a private redis-server")
    String redis;

    @Option(names = "--rooms", defaultValue = "1000", description = "distinct new rooms (default ${DEFAULT-VALUE})")
    int rooms;

    @Option(names = "--clients", defaultValue = "100000",
            description = "placement calls, client i joining room i % rooms (default ${DEFAULT-VALUE})")
    int clients;

    @Option(names = "--threads", defaultValue = "" + DispatchBenchmark.Settings.DEFAULT_THREADS,
            description = "dispatch lanes, i.e. concurrent Redis connections (default ${DEFAULT-VALUE})")
    int threads;

    @Option(names = "--in-flight", defaultValue = "" + DispatchBenchmark.Settings.DEFAULT_IN_FLIGHT,
            description = "requests outstanding at once (default ${DEFAULT-VALUE})")
    int inFlight;

    @Option(names = "--nodes", defaultValue = "3", description = "synthetic media nodes (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--workers-per-node", defaultValue = "4", description = "workers per synthetic node (default ${DEFAULT-VALUE})")
    int workersPerNode;

    @Option(names = "--eval-requests", defaultValue = "100000",
            description = "redis-benchmark requests (-n) (default ${DEFAULT-VALUE}); 0 skips redis-benchmark")
    int evalRequests;

    @Option(names = "--eval-clients", defaultValue = "50", description = "redis-benchmark connections (-c) (default ${DEFAULT-VALUE})")
    int evalClients;

    @Override
    public Integer call() {
        if (evalRequests < 0 || evalClients < 1) {
            throw new IllegalArgumentException("--eval-requests must be >= 0 and --eval-clients >= 1");
        }
        DispatchBenchmark.Settings settings = new DispatchBenchmark.Settings(rooms, clients, threads, inFlight, nodes,
                workersPerNode);
        if (redis != null && !redis.isBlank()) {
            return measure(RedisUrl.parse(redis), settings, false);
        }
        try (LocalRedisServer server = LocalRedisServer.start()) {
            return measure(RedisUrl.parse(server.url()), settings, true);
        }
    }

    /**
     * redis-benchmark runs just before and just after the dispatch benchmark, and the ratio uses
     * their mean: on a shared machine the server's rate drifts, and bracketing the measurement
     * compares it with the rate the server had while it ran.
     */
    private int measure(RedisUrl url, DispatchBenchmark.Settings settings, boolean privateServer) {
        RedisBenchmark.Result before = evalRequests == 0 ? null : RedisBenchmark.run(url, evalRequests, evalClients);
        BenchmarkResult r = DispatchBenchmark.run(url, settings);
        RedisBenchmark.Result eval = evalRequests == 0
                ? RedisBenchmark.Result.skipped(java.util.List.of(), "--eval-requests 0")
                : RedisBenchmark.Result.mean(before, RedisBenchmark.run(url, evalRequests, evalClients));
        spec.commandLine().getOut().println(Json.write(report(url, privateServer, r, eval)));
        spec.commandLine().getOut().flush();
        return r.failures() == 0 && r.splitRooms() == 0 ? 0 : 1;
    }

    static Map<String, Object> report(RedisUrl url, boolean privateServer, BenchmarkResult r, RedisBenchmark.Result eval) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "dispatch");
        out.put("redis", url.toString());
        out.put("privateRedis", privateServer);
        out.put("rooms", r.rooms());
        out.put("clients", r.clients());
        out.put("threads", r.threads());
        out.put("inFlight", r.inFlight());
        out.put("decisions", r.decisions());
        out.put("failures", r.failures());
        out.put("splitRooms", r.splitRooms());
        out.put("seconds", Math.round(r.elapsed().toNanos() / 1e6) / 1e3);
        out.put("decisionsPerSecond", Math.round(r.decisionsPerSecond()));
        out.put("p50Us", r.p50Micros());
        out.put("p99Us", r.p99Micros());
        out.put("maxUs", r.maxMicros());
        Map<String, Object> rb = new LinkedHashMap<>();
        if (!eval.command().isEmpty()) {
            rb.put("command", RedisBenchmark.display(eval.command()));
        }
        if (eval.perSecond().isPresent()) {
            rb.put("evalPerSecond", Math.round(eval.perSecond().getAsDouble()));
            rb.put("samples", eval.samples().stream().map(Math::round).toList());
        } else {
            rb.put("skipped", eval.skipped());
        }
        out.put("redisBenchmark", rb);
        out.put("ratio", eval.perSecond().isPresent() && eval.perSecond().getAsDouble() > 0
                ? Math.round(r.decisionsPerSecond() / eval.perSecond().getAsDouble() * 100) / 100.0
                : null);
        return out;
    }
}
