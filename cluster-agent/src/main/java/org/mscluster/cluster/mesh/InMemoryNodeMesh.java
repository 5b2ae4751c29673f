package org.mscluster.cluster.mesh;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The mesh of one JVM: each listening node has one delivery thread, so its handler sees one message
 * at a time in arrival order, and a sender never runs another node's code on its own thread (a room
 * thread must not block on, or re-enter, another room).
 *
 * <p>Behaves as the Redis mesh where a caller could tell: a node must listen before it asks (there,
 * answers come back on the asker's channel), and its requests still waiting fail when it stops
 * listening.
 */
public final class InMemoryNodeMesh implements NodeMesh {

    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();
    /** Requests still waiting, with the node that asked: failed when it stops listening, as no answer could reach it. */
    private final Map<CompletableFuture<String>, String> pending = new ConcurrentHashMap<>();

    @Override
    public Subscription listen(String nodeId, MeshHandler handler) {
        Objects.requireNonNull(handler, "handler");
        Listener listener = new Listener(nodeId, handler);
        Listener previous = listeners.put(nodeId, listener);
        if (previous != null) {
            previous.close();
        }
        return listener;
    }

    @Override
    public void send(String from, String to, String body) {
        Listener listener = listeners.get(to);
        if (listener != null) {
            listener.deliver(() -> listener.handler.onMessage(from, body));
        }
    }

    @Override
    public CompletableFuture<String> request(String from, String to, String body, Duration timeout) {
        if (!listeners.containsKey(from)) {
            return CompletableFuture.failedFuture(new MeshException(
                    "node " + from + " does not listen on the mesh, so no answer could reach it: listen before asking"));
        }
        CompletableFuture<String> answer = new CompletableFuture<>();
        Listener listener = listeners.get(to);
        if (listener == null || !listener.deliver(() -> answer(listener.handler, from, body, answer))) {
            return CompletableFuture.failedFuture(new NotListeningException(to));
        }
        pending.put(answer, from);
        if (!listeners.containsKey(from)) { // stopped listening meanwhile: nobody else would fail it
            answer.completeExceptionally(new MeshException("node " + from + " stopped listening"));
        }
        // The caller's future completes after the entry is gone: whoever sees the answer sees no pending request.
        CompletableFuture<String> result = new CompletableFuture<>();
        answer.orTimeout(Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS).whenComplete((value, error) -> {
            pending.remove(answer);
            if (error instanceof TimeoutException) {
                result.completeExceptionally(new MeshException("node " + to + " did not answer within " + timeout.toMillis() + " ms"));
            } else if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(value);
            }
        });
        return result;
    }

    /** Requests still waiting for an answer (tests check that none are left behind). */
    int pendingRequests() {
        return pending.size();
    }

    private static void answer(MeshHandler handler, String from, String body, CompletableFuture<String> answer) {
        CompletionStage<String> stage;
        try {
            stage = Objects.requireNonNull(handler.onRequest(from, body), "the handler's answer");
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((value, error) -> {
            if (error != null) {
                answer.completeExceptionally(new MeshException(messageOf(error)));
            } else {
                answer.complete(value);
            }
        });
    }

    private static String messageOf(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    private final class Listener implements Subscription {
        private final String nodeId;
        private final MeshHandler handler;
        private final ExecutorService delivery;
        private volatile boolean closed;

        Listener(String nodeId, MeshHandler handler) {
            this.nodeId = nodeId;
            this.handler = handler;
            this.delivery = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "mesh-" + nodeId);
                thread.setDaemon(true);
                return thread;
            });
        }

        boolean deliver(Runnable task) {
            try {
                delivery.execute(() -> {
                    if (closed) {
                        return; // queued before the node stopped listening: not its any more
                    }
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        // a failing handler must not stop delivery to its node
                    }
                });
                return true;
            } catch (RejectedExecutionException e) {
                return false;
            }
        }

        @Override
        public boolean active() {
            return !closed;
        }

        @Override
        public void close() {
            closed = true;
            listeners.remove(nodeId, this);
            delivery.shutdown();
            if (!listeners.containsKey(nodeId)) { // unless another subscription of the node took over its answers
                List.copyOf(pending.entrySet()).stream().filter(e -> e.getValue().equals(nodeId)).forEach(e ->
                        e.getKey().completeExceptionally(new MeshException("node " + nodeId + " stopped listening")));
            }
        }
    }
}
