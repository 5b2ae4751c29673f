package org.mscluster.cli.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.redis.LocalRedisServer;
import org.mscluster.cluster.redis.RedisUrl;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.cluster.token.TokenIssuer;
import org.mscluster.signaling.testing.ClusterFixture;
import org.mscluster.signaling.testing.ProtooClient;

/**
 * One of two dispatchers killed with {@code kill -9} under about 100 joins a second, measured from
 * outside: Redis, two nodes and two dispatchers as processes ({@code mscluster … start}). Clients
 * pick a dispatcher round-robin and, when their attempt fails (refused, reset, or not joined within
 * {@link #ATTEMPT}), try once more through the other one, as a web client with two entry points would; each
 * enters one of {@link #ROOMS} rooms (following the redirect to the room's node), joins, and leaves
 * at once to bound what the run holds open. Halfway through, one dispatcher is killed. No join may
 * fail after its one retry; the joins per second achieved and the latency from the first attempt to
 * joined (p50, p99, max) are printed, with how many joins needed their retry.
 *
 * <p>Five JVMs, Redis, two workers and the clients share this machine's two cores, so the run starts
 * with a paced warm-up at half the rate (not counted) that gets the join path through the JIT
 * compilers, which otherwise take ~40% of every process's CPU during the measured run (async-profiler,
 * {@code MSCLUSTER_IT_JVM_OPTS}). An attempt waits up to {@link #ATTEMPT}: a browser's protoo-client
 * keeps reconnecting for about a minute (ten retries, 1 s doubling to 8 s), so 30 s is still stricter
 * than the clients this models, and a join that hangs fails it; the latencies printed say how long
 * joins really took.
 */
class DispatcherKillIT {

    private static final int RATE = 100;
    private static final Duration RUN = Duration.ofSeconds(10);
    private static final int ROOMS = 20;
    private static final int WARM_UP_RATE = 50;
    private static final Duration WARM_UP = Duration.ofSeconds(10);
    private static final Duration ATTEMPT = Duration.ofSeconds(30);
    /** Every client comes from 127.0.0.1 here: the per-address limit (256) is for a real crowd's addresses. */
    private static final List<String> ONE_ADDRESS = List.of("--max-connections-per-address", "4096");
    private static final TokenIssuer ISSUER = new TokenIssuer(NamespaceSecrets.parse(List.of(
            "acme=" + ClusterFixture.ACME_SECRET)), Clock.systemUTC());

    private static LocalRedisServer redis;
    private static final List<NodeProcess> nodes = new ArrayList<>();
    private static final List<DispatcherProcess> dispatchers = new ArrayList<>();
    private static ClusterStore store;

    @BeforeAll
    static void startCluster() throws Exception {
        redis = LocalRedisServer.start();
        // The JVMs start together: on two cores one after the other would take most of the test's time.
        List<CompletableFuture<? extends AutoCloseable>> starting = new ArrayList<>();
        for (String id : List.of("kill-node-1", "kill-node-2")) {
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    return NodeProcess.start(id, redis.url(), ONE_ADDRESS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (String id : List.of("entry-a", "entry-b")) {
            starting.add(CompletableFuture.supplyAsync(() -> {
                try {
                    List<String> args = new ArrayList<>(List.of("--redis", redis.url(), "--cpu-limit", "1.0",
                            "--namespace-secret", "acme=" + ClusterFixture.ACME_SECRET));
                    args.addAll(ONE_ADDRESS);
                    return DispatcherProcess.start(id, "127.0.0.1", args);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        // Every process that started is closed by @AfterAll, also when another did not start.
        RuntimeException failed = null;
        for (CompletableFuture<? extends AutoCloseable> process : starting) {
            try {
                AutoCloseable started = process.join();
                if (started instanceof NodeProcess node) {
                    nodes.add(node);
                } else {
                    dispatchers.add((DispatcherProcess) started);
                }
            } catch (RuntimeException e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
        store = ClusterStore.redis(RedisUrl.parse(redis.url()), ClusterStore.DEFAULT_KEY_PREFIX, Clock.systemUTC());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> store.registry().liveNodes().size() == 2);
    }

    @AfterAll
    static void stopCluster() {
        List<AutoCloseable> all = new ArrayList<>();
        all.add(store);
        all.addAll(dispatchers);
        all.addAll(nodes);
        all.add(redis);
        Teardown.closeAll("DispatcherKillIT", all);
        dispatchers.clear();
        nodes.clear();
        store = null;
        redis = null;
    }

    /** What became of one client: joined (after how long, with or without its retry) or failed twice. */
    private record Outcome(int index, boolean joined, boolean retried, long latencyNanos, String firstError, String error) {
    }

    @Test
    void joinsGoOnWithoutAFailureBeyondTheClientsRetryWhenOneOfTwoDispatchersIsKilled() throws Exception {
        // One resident per room keeps the rooms open: the clients measured join running rooms, as in a
        // meeting, instead of each opening and closing a router.
        List<ProtooClient> residents = new ArrayList<>();
        try {
            for (int room = 0; room < ROOMS; room++) {
                String peer = "resident-" + room;
                DispatcherProcess entry = dispatchers.get(room % 2);
                ProtooClient resident = ProtooClient.enter(ClusterFixture.query(entry.url(), "acme", "rush-" + room, peer,
                        ISSUER.issueJoin("acme", "rush-" + room, peer, Duration.ofMinutes(10)))).get(30, TimeUnit.SECONDS);
                residents.add(resident);
                resident.join(peer).get(10, TimeUnit.SECONDS);
            }
            // Warm-up, not counted: the five JVMs' join paths are interpreted at first and their JIT
            // compilers share the two cores with the run; a paced half-rate load compiles them first.
            for (int i = 0; i < 40; i++) {
                join(-1 - i).get(30, TimeUnit.SECONDS);
            }
            warmUp();
            rush();
        } finally {
            residents.forEach(ProtooClient::close);
        }
    }

    private void warmUp() throws Exception {
        int total = (int) (WARM_UP_RATE * WARM_UP.toSeconds());
        long begun = System.nanoTime();
        List<CompletableFuture<Outcome>> outcomes;
        try (Paced paced = new Paced(WARM_UP_RATE, total, i -> -1000 - i)) {
            paced.awaitAllStarted(WARM_UP.plusSeconds(10));
            outcomes = paced.settled();
        }
        List<Long> latencies = new ArrayList<>(outcomes.stream().map(CompletableFuture::join)
                .filter(Outcome::joined).map(Outcome::latencyNanos).toList());
        Collections.sort(latencies);
        System.out.printf("[DispatcherKillIT] warm-up: %d joins at %d/s, %d joined in %.1f s; latency p50 %d ms, p99 %d ms%n",
                total, WARM_UP_RATE, latencies.size(), (System.nanoTime() - begun) / 1e9, percentile(latencies, 50),
                percentile(latencies, 99));
    }

    /**
     * Joins started by a ticker at a fixed rate, {@code total} of them, client {@code index(i)} the i-th:
     * the warm-up's and the measured run's load, counting what is in flight.
     */
    private static final class Paced implements AutoCloseable {
        final List<CompletableFuture<Outcome>> outcomes = new CopyOnWriteArrayList<>();
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger maxInFlight = new AtomicInteger();
        private final int total;
        private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();

        Paced(int rate, int total, java.util.function.IntUnaryOperator index) {
            this.total = total;
            ticker.scheduleAtFixedRate(() -> {
                int i = started.getAndIncrement();
                if (i >= total) {
                    return;
                }
                maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                outcomes.add(join(index.applyAsInt(i)).whenComplete((o, e) -> inFlight.decrementAndGet()));
            }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        }

        void awaitAllStarted(Duration within) {
            Awaitility.await().atMost(within).pollInterval(Duration.ofMillis(20)).until(() -> started.get() >= total);
        }

        /** Every join's outcome, once each has joined or failed its retry. */
        List<CompletableFuture<Outcome>> settled() throws Exception {
            CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                    .get(ATTEMPT.multipliedBy(2).plusSeconds(30).toSeconds(), TimeUnit.SECONDS);
            return outcomes;
        }

        @Override
        public void close() {
            ticker.shutdownNow();
        }
    }

    private void rush() throws Exception {
        int total = (int) (RATE * RUN.toSeconds());
        long startedAt = System.nanoTime();
        DispatcherProcess killed = dispatchers.get(0);
        long killAtNanos = startedAt + RUN.toNanos() / 2;
        List<CompletableFuture<Outcome>> outcomes;
        AtomicInteger maxInFlight;
        long lastStartedAt;
        try (Paced paced = new Paced(RATE, total, i -> i)) {
            maxInFlight = paced.maxInFlight;
            Thread.sleep(TimeUnit.NANOSECONDS.toMillis(killAtNanos - System.nanoTime()));
            killed.kill9();
            long killedAt = System.nanoTime();
            System.out.println("[DispatcherKillIT] killed " + killed.url() + " (-9) " + millis(killedAt - startedAt)
                    + " ms into the run, " + paced.started.get() + " joins started, " + paced.inFlight.get() + " in flight");
            paced.awaitAllStarted(RUN.plusSeconds(10));
            lastStartedAt = System.nanoTime();
            outcomes = paced.settled();
        }
        long endedAt = System.nanoTime();

        List<Outcome> all = new ArrayList<>();
        for (CompletableFuture<Outcome> outcome : outcomes) {
            all.add(outcome.join());
        }
        List<Outcome> failed = all.stream().filter(o -> !o.joined()).toList();
        List<Outcome> retried = all.stream().filter(Outcome::retried).toList();
        List<Long> latencies = new ArrayList<>(all.stream().filter(Outcome::joined).map(Outcome::latencyNanos).toList());
        Collections.sort(latencies);
        Map<String, Integer> firstErrors = new ConcurrentHashMap<>();
        retried.forEach(o -> firstErrors.merge(o.firstError(), 1, Integer::sum));
        double startSeconds = (lastStartedAt - startedAt) / 1e9;
        double seconds = (endedAt - startedAt) / 1e9;
        System.out.printf("[DispatcherKillIT] %d joins started in %.1f s (%.0f/s), all settled after %.1f s (%.0f joined/s);"
                        + " %d retried through the other dispatcher, %d failed after the retry; latency p50 %d ms, p99 %d ms,"
                        + " max %d ms; at most %d in flight%n", all.size(), startSeconds, all.size() / startSeconds, seconds,
                latencies.size() / seconds, retried.size(), failed.size(), percentile(latencies, 50), percentile(latencies, 99),
                latencies.isEmpty() ? 0 : millis(latencies.get(latencies.size() - 1)), maxInFlight.get());
        System.out.println("[DispatcherKillIT] first attempts that failed, by cause: " + firstErrors);
        assertThat(killed.isAlive()).isFalse();
        assertThat(all).hasSize(total);
        assertThat(failed).as("joins that failed after their one retry").isEmpty();
        assertThat(retried).as("the kill made some clients retry").isNotEmpty();
        assertThat(store.registry().liveNodes()).hasSize(2);
    }

    /** One client: through dispatcher {@code i % 2}, and once through the other if that fails. */
    private static CompletableFuture<Outcome> join(int i) {
        long begun = System.nanoTime();
        String room = "rush-" + Math.floorMod(i, ROOMS);
        String peer = "p" + i;
        DispatcherProcess first = dispatchers.get(Math.floorMod(i, 2));
        DispatcherProcess second = dispatchers.get(Math.floorMod(i + 1, 2));
        return attempt(first, room, peer).handle((ok, error) -> error).thenCompose(firstError -> {
            if (firstError == null) {
                return CompletableFuture.completedFuture(new Outcome(i, true, false, System.nanoTime() - begun, null, null));
            }
            String why = describe(firstError);
            return attempt(second, room, peer).handle((ok, error) -> new Outcome(i, error == null, true,
                    System.nanoTime() - begun, why, error == null ? null : describe(error)));
        });
    }

    /** Enter through {@code dispatcher}, follow the redirect, join; leave at once. */
    private static CompletableFuture<Void> attempt(DispatcherProcess dispatcher, String room, String peer) {
        String entry = ClusterFixture.query(dispatcher.url(), "acme", room, peer,
                ISSUER.issueJoin("acme", room, peer, Duration.ofMinutes(10)));
        CompletableFuture<ProtooClient> entered;
        try {
            entered = ProtooClient.enter(entry);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return entered.thenCompose(client -> client.join(peer).whenComplete((joined, error) -> client.close()))
                .<Void>thenApply(joined -> null).orTimeout(ATTEMPT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static String describe(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof java.util.concurrent.CompletionException || cause instanceof java.util.concurrent.ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage() == null ? "" : ": " + cause.getMessage();
        return cause.getClass().getSimpleName() + (message.length() > 80 ? message.substring(0, 80) : message);
    }

    private static long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return millis(sorted.get(Math.max(0, Math.min(sorted.size() - 1, index))));
    }

    private static long millis(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
