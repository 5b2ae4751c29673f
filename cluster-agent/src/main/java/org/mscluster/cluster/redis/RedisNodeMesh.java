package org.mscluster.cluster.redis;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import org.mscluster.cluster.mesh.MeshException;
import org.mscluster.cluster.mesh.MeshHandler;
import org.mscluster.cluster.mesh.NodeMesh;
import org.mscluster.cluster.mesh.NotListeningException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * The node mesh over Redis pub/sub: each node listens on its channel ({@code KeySpace.nodeMesh}),
 * where other nodes publish messages and requests ({@link MeshEnvelope}); answers go back on the
 * asker's channel, so a node must listen before it asks (a request from a node without a
 * subscription here fails at once rather than subscribing behind the caller's back, which would
 * make the node look present to the others).
 *
 * <p>Order: every PUBLISH of this mesh goes out from one thread, in the order of the calls, so
 * messages, requests and answers from one node to another arrive as they were sent, and nothing a
 * room thread calls waits for Redis. Each publish borrows a pooled connection for that command
 * only. When Redis is down a message is dropped (at most once, as the interface says) and a
 * request fails.
 *
 * <p>Answers complete their request on the asker's delivery thread, in order with the messages
 * that came before them; so a handler must not block on a request of its own node (return a stage
 * instead). Does not own the {@link UnifiedJedis}; {@link #close()} stops the mesh's threads.
 */
public final class RedisNodeMesh implements NodeMesh, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisNodeMesh.class);

    private final UnifiedJedis redis;
    private final KeySpace keys;
    private final Map<String, MeshChannel> channels = new ConcurrentHashMap<>();
    private final PendingRequests pending = new PendingRequests();
    private final ExecutorService publisher = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "node-mesh-publisher");
        thread.setDaemon(true);
        return thread;
    });

    public RedisNodeMesh(UnifiedJedis redis, KeySpace keys) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
    }

    /** Listening again on a node that already listens here replaces the earlier subscription. */
    @Override
    public Subscription listen(String nodeId, MeshHandler handler) {
        Objects.requireNonNull(handler, "handler");
        MeshChannel channel = MeshChannel.open(redis, keys.nodeMesh(nodeId), nodeId,
                message -> receive(nodeId, handler, message), this::closed);
        MeshChannel previous = channels.put(nodeId, channel);
        if (previous != null) {
            previous.close();
        }
        return channel;
    }

    @Override
    public void send(String from, String to, String body) {
        publish(to, MeshEnvelope.message(from, body), receivers -> { }, error ->
                LOG.debug("node {}: message to {} dropped: {}", from, to, error.toString()));
    }

    @Override
    public CompletableFuture<String> request(String from, String to, String body, Duration timeout) {
        if (!channels.containsKey(from)) {
            return CompletableFuture.failedFuture(new MeshException(
                    "node " + from + " does not listen on the mesh, so no answer could reach it: listen before asking"));
        }
        String id = UUID.randomUUID().toString();
        CompletableFuture<String> answer = pending.open(id, from, timeout,
                () -> new MeshException("node " + to + " did not answer within " + timeout.toMillis() + " ms"));
        publish(to, MeshEnvelope.request(from, id, body), receivers -> {
            if (receivers == 0) {
                pending.fail(id, new NotListeningException(to));
            }
        }, error -> pending.fail(id, new MeshException("could not reach node " + to + ": " + error.getMessage())));
        return answer;
    }

    /** Requests still waiting for an answer (tests check that none are left behind). */
    int pendingRequests() {
        return pending.size();
    }

    /** Publishes on the publisher thread, then reports the number of receivers or the failure there. */
    private void publish(String to, MeshEnvelope envelope, LongConsumer published, Consumer<RuntimeException> failed) {
        String channel = keys.nodeMesh(to);
        String text = envelope.encode();
        try {
            publisher.execute(() -> {
                long receivers;
                try {
                    receivers = RedisCalls.run(redis, () -> redis.publish(channel, text));
                } catch (RuntimeException e) {
                    failed.accept(e);
                    return;
                }
                published.accept(receivers);
            });
        } catch (RejectedExecutionException e) {
            failed.accept(new MeshException("the node mesh is closed"));
        }
    }

    /** On node {@code nodeId}'s delivery thread: one envelope from its channel. */
    private void receive(String nodeId, MeshHandler handler, String text) {
        MeshEnvelope envelope;
        try {
            envelope = MeshEnvelope.decode(text);
        } catch (IllegalArgumentException e) {
            LOG.warn("node {}: ignored a malformed mesh message: {}", nodeId, e.getMessage());
            return;
        }
        switch (envelope.kind()) {
            case MESSAGE -> {
                try {
                    handler.onMessage(envelope.from(), envelope.body());
                } catch (RuntimeException e) {
                    // the next message must still reach the node
                    LOG.warn("node {}: the mesh handler failed on a message from {}", nodeId, envelope.from(), e);
                }
            }
            case REQUEST -> answer(nodeId, handler, envelope);
            case ANSWER -> pending.answer(envelope.id(), nodeId, envelope.body());
            case FAILURE -> pending.fail(envelope.id(), new MeshException(envelope.body()));
        }
    }

    private void answer(String nodeId, MeshHandler handler, MeshEnvelope request) {
        CompletionStage<String> stage;
        try {
            stage = Objects.requireNonNull(handler.onRequest(request.from(), request.body()), "the handler's answer");
        } catch (RuntimeException e) {
            stage = CompletableFuture.failedFuture(e);
        }
        stage.whenComplete((value, error) -> {
            MeshEnvelope reply = error == null ? MeshEnvelope.answer(nodeId, request.id(), value)
                    : MeshEnvelope.failure(nodeId, request.id(), messageOf(error));
            publish(request.from(), reply, receivers -> {
                if (receivers == 0) {
                    LOG.debug("node {}: {} no longer listens for its answer", nodeId, request.from());
                }
            }, e -> LOG.debug("node {}: answer to {} dropped: {}", nodeId, request.from(), e.toString()));
        });
    }

    /** A subscription closed: unless another one took over its node, that node's requests cannot be answered. */
    private void closed(MeshChannel channel) {
        String nodeId = channel.nodeId();
        if (channels.remove(nodeId, channel)) {
            pending.failAll(nodeId, () -> new MeshException("node " + nodeId + " stopped listening"));
        }
    }

    private static String messageOf(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
    }

    /** Closes every subscription, sends what is already queued, and fails the requests still waiting. */
    @Override
    public void close() {
        List.copyOf(channels.values()).forEach(MeshChannel::close);
        publisher.shutdown();
        pending.close();
    }
}
