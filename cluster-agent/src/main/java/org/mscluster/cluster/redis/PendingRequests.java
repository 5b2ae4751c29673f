package org.mscluster.cluster.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.mscluster.cluster.mesh.MeshException;

/**
 * The mesh requests of one {@link RedisNodeMesh} still waiting for an answer, by correlation id.
 * An entry leaves the table however its future completes (answer, failure, timeout, the asker
 * closing, or the caller cancelling), and its timeout task is cancelled with it, so nothing
 * accumulates when answers are late or never come. The table lets go of an entry before completing
 * its future: whoever sees the answer sees the table without it.
 */
final class PendingRequests implements AutoCloseable {

    private record Pending(String asker, CompletableFuture<String> answer) {}

    private final Map<String, Pending> table = new ConcurrentHashMap<>();
    private final ScheduledThreadPoolExecutor timer;

    PendingRequests() {
        // One thread for every timeout of the mesh, started on the first request.
        timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "node-mesh-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true); // a request answered in time leaves no task behind
    }

    /**
     * A new entry for request {@code id} of node {@code asker}, failed with {@code late} after
     * {@code timeout}.
     */
    CompletableFuture<String> open(String id, String asker, Duration timeout, Supplier<MeshException> late) {
        CompletableFuture<String> answer = new CompletableFuture<>();
        table.put(id, new Pending(asker, answer));
        ScheduledFuture<?> expiry;
        try {
            expiry = timer.schedule(() -> fail(id, late.get()), Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            table.remove(id);
            answer.completeExceptionally(new MeshException("the node mesh is closed"));
            return answer;
        }
        answer.whenComplete((value, error) -> {
            table.remove(id); // completed by the caller (cancelled)
            expiry.cancel(false);
        });
        return answer;
    }

    /** Completes request {@code id} if {@code asker} is still waiting for it; a late answer is dropped. */
    boolean answer(String id, String asker, String body) {
        Pending pending = table.get(id);
        return pending != null && pending.asker().equals(asker) && table.remove(id, pending) && pending.answer().complete(body);
    }

    boolean fail(String id, MeshException error) {
        Pending pending = table.remove(id);
        return pending != null && pending.answer().completeExceptionally(error);
    }

    /** Fails every request of {@code asker} (it stopped listening: no answer can reach it). */
    void failAll(String asker, Supplier<MeshException> error) {
        table.entrySet().stream().filter(e -> e.getValue().asker().equals(asker)).map(Map.Entry::getKey).toList()
                .forEach(id -> fail(id, error.get()));
    }

    int size() {
        return table.size();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        List.copyOf(table.keySet()).forEach(id -> fail(id, new MeshException("the node mesh is closed")));
    }
}
