package org.mscluster.cluster.mesh;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The mesh of one JVM: each listening node has one delivery thread, so its handler sees one message
 * at a time in arrival order, and a sender never runs another node's code on its own thread (a room
 * thread must not block on, or re-enter, another room).
 */
public final class InMemoryNodeMesh implements NodeMesh {

    private final Map<String, Listener> listeners = new ConcurrentHashMap<>();

    @Override
    public Subscription listen(String nodeId, MeshHandler handler) {
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
        CompletableFuture<String> answer = new CompletableFuture<>();
        Listener listener = listeners.get(to);
        if (listener == null || !listener.deliver(() -> {
            CompletionStage<String> stage;
            try {
                stage = listener.handler.onRequest(from, body);
            } catch (RuntimeException e) {
                stage = CompletableFuture.failedFuture(e);
            }
            stage.whenComplete((value, error) -> {
                if (error != null) {
                    Throwable cause = error.getCause() != null && error instanceof java.util.concurrent.CompletionException
                            ? error.getCause() : error;
                    answer.completeExceptionally(new MeshException(String.valueOf(cause.getMessage())));
                } else {
                    answer.complete(value);
                }
            });
        })) {
            answer.completeExceptionally(new MeshException("node " + to + " does not listen"));
            return answer;
        }
        return answer.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).exceptionallyCompose(error ->
                CompletableFuture.failedFuture(error instanceof java.util.concurrent.TimeoutException
                        ? new MeshException("node " + to + " did not answer within " + timeout.toMillis() + " ms") : error));
    }

    private final class Listener implements Subscription {
        private final String nodeId;
        private final MeshHandler handler;
        private final ExecutorService delivery;

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
            return !delivery.isShutdown();
        }

        @Override
        public void close() {
            listeners.remove(nodeId, this);
            delivery.shutdown();
        }
    }
}
