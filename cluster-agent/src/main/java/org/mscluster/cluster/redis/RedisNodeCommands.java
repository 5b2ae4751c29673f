package org.mscluster.cluster.redis;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.mscluster.cluster.command.ActionResult;
import org.mscluster.cluster.command.AdminCommand;
import org.mscluster.cluster.command.NodeCommands;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.util.KeyValue;

/**
 * Admin commands over Redis: a node subscribes to its channel ({@code KeySpace.nodeCommands}), a sender
 * publishes the command there and waits on the command's reply list ({@code KeySpace.commandReply}),
 * where the node pushes its answer with an expiry, so an answer nobody waits for any more goes away by
 * itself. Pub/sub delivers to whoever listens at that moment and to nobody else, which is what a
 * command to a live node wants: a node that is down must not act on stale commands when it returns.
 *
 * <p>Does not own the {@link UnifiedJedis}; whoever opened it closes it.
 */
public final class RedisNodeCommands implements NodeCommands {

    private static final Logger LOG = LoggerFactory.getLogger(RedisNodeCommands.class);
    /** How long an answer waits for the sender (who waits a few seconds at most). */
    private static final long REPLY_TTL_MS = 10_000;
    /** The pause before subscribing again after a lost connection. */
    private static final long RESUBSCRIBE_MS = 500;

    private final UnifiedJedis redis;
    private final KeySpace keys;

    public RedisNodeCommands(UnifiedJedis redis, KeySpace keys) {
        this.redis = redis;
        this.keys = keys;
    }

    @Override
    public Subscription subscribe(String nodeId, Function<AdminCommand, CompletionStage<ActionResult>> handler) {
        return new Listener(nodeId, handler);
    }

    @Override
    public ActionResult send(String nodeId, AdminCommand command, Duration timeout) {
        return RedisCalls.run(redis, () -> {
            long listeners = redis.publish(keys.nodeCommands(nodeId), CommandCodec.encode(command));
            if (listeners == 0) {
                return new ActionResult(503, "node " + nodeId + " does not take commands now");
            }
            // BLPOP reads 0 as "forever": a timeout under a millisecond still waits one.
            double seconds = Math.max(1, timeout.toMillis()) / 1000.0;
            KeyValue<String, String> answer = redis.blpop(seconds, keys.commandReply(command.id()));
            return answer == null ? new ActionResult(504, "node " + nodeId + " did not answer in time")
                    : CommandCodec.decodeResult(answer.getValue());
        });
    }

    @Override
    public boolean post(String nodeId, AdminCommand command) {
        return RedisCalls.run(redis, () -> redis.publish(keys.nodeCommands(nodeId), CommandCodec.encode(command))) > 0;
    }

    /** One node's subscription: a thread blocked in SUBSCRIBE, and one thread running the handler. */
    private final class Listener extends JedisPubSub implements Subscription {
        private final String nodeId;
        private final Function<AdminCommand, CompletionStage<ActionResult>> handler;
        private final ExecutorService commands;
        private final Thread thread;
        private volatile boolean closed;

        Listener(String nodeId, Function<AdminCommand, CompletionStage<ActionResult>> handler) {
            this.nodeId = nodeId;
            this.handler = handler;
            this.commands = Executors.newSingleThreadExecutor(daemon("admin-commands-" + nodeId));
            this.thread = daemon("admin-channel-" + nodeId).newThread(this::listen);
            thread.start();
        }

        /** Subscribes, and again after a lost connection, until closed. */
        private void listen() {
            while (!closed) {
                try {
                    redis.subscribe(this, keys.nodeCommands(nodeId));
                } catch (RuntimeException e) {
                    if (!closed) {
                        LOG.debug("node {}: command channel lost ({}), subscribing again", nodeId, e.toString());
                        try {
                            Thread.sleep(RESUBSCRIBE_MS);
                        } catch (InterruptedException interrupted) {
                            return; // nobody interrupts it but a JVM going down
                        }
                    }
                }
            }
        }

        @Override
        public void onSubscribe(String channel, int subscribedChannels) {
            // Closed before the subscription went through: leave at once, or the thread blocks for good.
            if (closed) {
                unsubscribe();
            }
        }

        @Override
        public void onMessage(String channel, String message) {
            try {
                commands.execute(() -> execute(message));
            } catch (RejectedExecutionException e) {
                // closing
            }
        }

        private void execute(String message) {
            AdminCommand command;
            try {
                command = CommandCodec.decode(message);
            } catch (IllegalArgumentException e) {
                LOG.warn("node {}: ignored a malformed admin command: {}", nodeId, e.getMessage());
                return;
            }
            LOG.info("node {}: admin command {} {} {}", nodeId, command.action(), command.room() == null ? "" : command.room(),
                    command.peer() == null ? "" : command.peer());
            CompletionStage<ActionResult> answer;
            try {
                answer = handler.apply(command);
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((result, error) -> {
                ActionResult reply = error != null ? new ActionResult(500, "the node failed: " + error.getMessage()) : result;
                try {
                    commands.execute(() -> reply(command.id(), reply));
                } catch (RejectedExecutionException e) {
                    // closing: the sender times out
                }
            });
        }

        private void reply(String commandId, ActionResult result) {
            try {
                RedisCalls.run(redis, () -> {
                    String key = keys.commandReply(commandId);
                    redis.rpush(key, CommandCodec.encode(result));
                    redis.pexpire(key, REPLY_TTL_MS);
                });
            } catch (RuntimeException e) {
                LOG.warn("node {}: could not answer admin command {}: {}", nodeId, commandId, e.toString());
            }
        }

        @Override
        public boolean active() {
            return !closed && isSubscribed();
        }

        @Override
        public void close() {
            closed = true;
            try {
                if (isSubscribed()) {
                    unsubscribe();
                }
            } catch (RuntimeException e) {
                LOG.debug("unsubscribing: {}", e.toString());
            }
            // No interrupt for the listening thread: Jedis leaves its read loop on an interrupt without
            // reading the UNSUBSCRIBE reply, and the connection would go back to the pool with that reply
            // unread, for the next command to take as its answer. The thread sees the flag within a pause.
            commands.shutdown();
            try {
                commands.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
