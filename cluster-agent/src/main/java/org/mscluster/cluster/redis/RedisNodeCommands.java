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

    /** One node's subscription ({@link ChannelSubscription}), and one thread running the handler. */
    private final class Listener implements Subscription {
        private final String nodeId;
        private final Function<AdminCommand, CompletionStage<ActionResult>> handler;
        private final ExecutorService commands;
        private final ChannelSubscription subscription;

        Listener(String nodeId, Function<AdminCommand, CompletionStage<ActionResult>> handler) {
            this.nodeId = nodeId;
            this.handler = handler;
            this.commands = Executors.newSingleThreadExecutor(daemon("admin-commands-" + nodeId));
            this.subscription = new ChannelSubscription(redis, keys.nodeCommands(nodeId), this::execute, commands,
                    "admin-channel-" + nodeId).start();
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
            return subscription.active();
        }

        @Override
        public void close() {
            subscription.close();
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
