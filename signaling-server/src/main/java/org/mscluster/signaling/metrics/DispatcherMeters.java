package org.mscluster.signaling.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.NodeState;

/**
 * A dispatcher's {@code mscluster_*} metrics, in the same registry as its JVM metrics:
 * {@code mscluster_dispatch_decisions_total{outcome}}, the redirect latency histogram
 * {@code mscluster_dispatch_redirect_duration_seconds} (socket accepted → redirect sent),
 * {@code mscluster_redis_command_duration_seconds{command}}, and {@code mscluster_cluster_nodes{state}}
 * from the registry's live nodes. The dispatcher calls {@link #decision}, {@link #redirect} and
 * {@link #redisCommand}; the node gauge reads {@code liveNodes} at scrape time (keep it a cached view).
 */
public final class DispatcherMeters {

    /** What became of a dispatch request: sent to a node, refused (token), or no node could take it. */
    public enum Outcome { PLACED, EXISTING, REFUSED, NO_NODE, ERROR }

    private final MeterRegistry registry;
    private final Map<Outcome, Counter> decisions = new ConcurrentHashMap<>();
    private final Timer redirects;
    private final Map<String, Timer> redisCommands = new ConcurrentHashMap<>();

    public DispatcherMeters(MeterRegistry registry, Supplier<List<NodeSnapshot>> liveNodes) {
        this.registry = registry;
        for (Outcome outcome : Outcome.values()) {
            decisions.put(outcome, Counter.builder("mscluster.dispatch.decisions")
                    .description("Dispatch decisions by outcome (placed: a new room; existing: the room's node)")
                    .tag("outcome", outcome.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        redirects = Timer.builder("mscluster.dispatch.redirect.duration")
                .description("From a client's connection to its redirect notification")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofSeconds(5))
                .register(registry);
        for (NodeState state : NodeState.values()) {
            Gauge.builder("mscluster.cluster.nodes", liveNodes, nodes -> nodes.get().stream()
                            .filter(n -> n.identity().state() == state).count())
                    .description("Live nodes in the registry by state")
                    .tag("state", state.name().toLowerCase(Locale.ROOT)).register(registry);
        }
    }

    public void decision(Outcome outcome) {
        decisions.get(outcome).increment();
    }

    public void redirect(Duration latency) {
        redirects.record(latency);
    }

    /** Times one Redis round trip; {@code command} is a small fixed set (e.g. {@code place}, {@code nodes}). */
    public <T> T redisCommand(String command, Supplier<T> call) {
        return redisTimer(command).record(call);
    }

    /** Records a round trip timed by the caller (an asynchronous one: a placement through the dispatch pipeline). */
    public void redisCommand(String command, Duration latency) {
        redisTimer(command).record(latency);
    }

    private Timer redisTimer(String command) {
        return redisCommands.computeIfAbsent(command, c -> Timer.builder("mscluster.redis.command.duration")
                .description("Redis round trips by command")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(100_000)).maximumExpectedValue(Duration.ofSeconds(2))
                .tag("command", c).register(registry));
    }
}
