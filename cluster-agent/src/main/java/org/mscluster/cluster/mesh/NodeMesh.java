package org.mscluster.cluster.mesh;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Messages between nodes, for what spans nodes (a room's legs): one-way messages, delivered in the
 * order one node sent them to another, and requests with an answer. Bodies are opaque text (JSON,
 * by convention); this module never looks inside, so it knows nodes, not rooms or routers.
 *
 * <p>Delivery is at most once and only to a node listening at that moment, as pub/sub: a node that
 * was away must resynchronise from state, not from missed messages. Implementations:
 * {@code RedisNodeMesh} (a pub/sub channel per node; answers come back on the asker's channel) and
 * {@link InMemoryNodeMesh} (several nodes in one JVM). Thread-safe.
 */
public interface NodeMesh {

    /**
     * Delivers every message and request addressed to {@code nodeId} to {@code handler}, one at a
     * time, until the returned subscription is closed. A lost connection is re-established by the
     * implementation. Listening again on a node replaces its earlier subscription.
     *
     * <p>The handler runs on the node's delivery thread, which also completes the node's own
     * requests (with the Redis mesh): it must not block waiting for an answer, but return a stage.
     */
    Subscription listen(String nodeId, MeshHandler handler);

    /**
     * Sends {@code body} from {@code from} to {@code to} without waiting; messages from one node to
     * another arrive in the order sent.
     */
    void send(String from, String to, String body);

    /**
     * Asks {@code to} and completes with its answer; fails with {@link MeshException} when nobody
     * listens on {@code to}, the handler failed (its message), or no answer came within {@code timeout}.
     * Ordered with {@link #send} messages from the same sender.
     *
     * <p>{@code from} must listen here: the answer comes back to it as mesh traffic. Otherwise the
     * request fails at once (rather than subscribing {@code from} implicitly, which would make it
     * look present to other nodes); and when {@code from} stops listening, its requests still
     * waiting fail. The future may complete on a mesh thread: what depends on it must not block
     * (use the {@code *Async} variants to run elsewhere).
     */
    CompletableFuture<String> request(String from, String to, String body, Duration timeout);

    /** A node's listening. */
    interface Subscription extends AutoCloseable {
        /** Whether messages reach the node right now (false while a lost connection is re-established). */
        boolean active();

        /** Stops delivery to the node (nothing more reaches its handler) and fails its requests still waiting. */
        @Override
        void close();
    }
}
