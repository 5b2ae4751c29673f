package org.mscluster.cluster.command;

import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The channel on which nodes take admin commands and answer them.
 *
 * <p>Implementations: {@code RedisNodeCommands} (pub/sub channel per node, answers on a reply list
 * that expires) for a cluster, {@link InMemoryNodeCommands} (direct calls) for one JVM. Thread-safe.
 */
public interface NodeCommands {

    /**
     * Node side: hands every command addressed to {@code nodeId} to {@code handler} until the returned
     * subscription is closed; the handler's answer goes back to the sender. A lost connection is
     * re-established by the implementation.
     */
    Subscription subscribe(String nodeId, Function<AdminCommand, CompletionStage<ActionResult>> handler);

    /**
     * Sends {@code command} to {@code nodeId} and waits at most {@code timeout} for its answer. Blocks:
     * call it off any event loop.
     *
     * @return the node's answer; 503 when no node listens on that id, 504 when it did not answer in time
     */
    ActionResult send(String nodeId, AdminCommand command, Duration timeout);

    /**
     * Sends {@code command} without waiting for an answer (a nudge: the registry already holds the
     * truth, the command only makes the node notice at once).
     *
     * @return whether a node listened
     */
    boolean post(String nodeId, AdminCommand command);

    /** A node's listening on its channel. */
    interface Subscription extends AutoCloseable {
        /** Whether the node listens right now (false while a lost connection is being re-established). */
        boolean active();

        @Override
        void close();
    }
}
