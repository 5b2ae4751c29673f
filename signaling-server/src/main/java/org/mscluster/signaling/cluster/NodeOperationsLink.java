package org.mscluster.signaling.cluster;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.mscluster.cluster.redis.KeySpace;
import org.mscluster.signaling.admin.AdminActions;
import org.mscluster.signaling.admin.AdminActions.ActionResult;
import org.mscluster.signaling.admin.AdminCommand;
import org.mscluster.signaling.operations.NodeReport;
import org.mscluster.signaling.operations.NodeReportCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * A cluster node's side of the cluster's operations: it publishes its {@link NodeReport} to Redis every
 * interval ({@code KeySpace.nodeReport}, expiring after {@code expiry} so a dead node's report goes with
 * its lease), and takes the dispatchers' admin commands on its channel ({@code KeySpace.nodeCommands}),
 * answering each on its reply list.
 */
final class NodeOperationsLink implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeOperationsLink.class);
    /** How long an answer waits for the dispatcher that asked (it waits 2 s at most). */
    private static final long REPLY_TTL_MS = 10_000;

    private final String nodeId;
    private final UnifiedJedis redis;
    private final KeySpace keys;
    private final Supplier<NodeReport> report;
    private final AdminActions actions;
    private final Duration expiry;
    private final ScheduledExecutorService publisher;
    private final ExecutorService commands;
    private final Thread listener;
    private final Subscription subscription = new Subscription();
    private volatile boolean closed;
    private volatile long lastPublished = System.nanoTime() - TimeUnit.HOURS.toNanos(1);

    NodeOperationsLink(String nodeId, UnifiedJedis redis, KeySpace keys, Supplier<NodeReport> report, AdminActions actions,
            Duration interval, Duration expiry) {
        this.nodeId = nodeId;
        this.redis = redis;
        this.keys = keys;
        this.report = report;
        this.actions = actions;
        this.expiry = expiry;
        this.publisher = Executors.newSingleThreadScheduledExecutor(daemon("node-report-" + nodeId));
        this.commands = Executors.newSingleThreadExecutor(daemon("admin-commands-" + nodeId));
        // Each report as soon as it is sampled; and again every interval, should sampling stall.
        long every = interval.toMillis();
        publisher.scheduleWithFixedDelay(() -> {
            if (System.nanoTime() - lastPublished > TimeUnit.MILLISECONDS.toNanos(every * 3 / 2)) {
                publish(report.get());
            }
        }, 0, every, TimeUnit.MILLISECONDS);
        listener = daemon("admin-channel-" + nodeId).newThread(this::listen);
        listener.start();
    }

    /** A new sample: published at once, off the sampler's thread. */
    void offer(NodeReport sampled) {
        if (!closed) {
            try {
                publisher.execute(() -> publish(sampled));
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closing
            }
        }
    }

    private void publish(NodeReport sampled) {
        try {
            redis.set(keys.nodeReport(nodeId), NodeReportCodec.encode(sampled), SetParams.setParams().px(expiry.toMillis()));
            lastPublished = System.nanoTime();
        } catch (RuntimeException e) {
            LOG.debug("node {}: report not published: {}", nodeId, e.toString());
        }
    }

    /** Subscribes, and again after a lost connection, until closed. */
    private void listen() {
        while (!closed) {
            try {
                redis.subscribe(subscription, keys.nodeCommands(nodeId));
            } catch (RuntimeException e) {
                if (!closed) {
                    LOG.debug("node {}: admin channel lost ({}), subscribing again", nodeId, e.toString());
                    try {
                        Thread.sleep(500);
                    } catch (InterruptedException interrupted) {
                        return;
                    }
                }
            }
        }
    }

    /** Whether the node listens on its channel (tests). */
    boolean subscribed() {
        return subscription.isSubscribed();
    }

    private void execute(String message) {
        AdminCommand command;
        try {
            command = AdminCommand.decode(message);
        } catch (IllegalArgumentException e) {
            LOG.warn("node {}: ignored a malformed admin command: {}", nodeId, e.getMessage());
            return;
        }
        LOG.info("node {}: admin command {} {} {} {}", nodeId, command.action(), command.namespace(), command.room(),
                command.peer() == null ? "" : command.peer());
        command.applyTo(actions, nodeId).whenComplete((result, error) -> {
            ActionResult answer = error != null ? new ActionResult(500, "the node failed: " + error.getMessage()) : result;
            commands.execute(() -> reply(command.id(), answer));
        });
    }

    private void reply(String commandId, ActionResult result) {
        try {
            String key = keys.commandReply(commandId);
            redis.rpush(key, AdminCommand.encodeResult(result));
            redis.pexpire(key, REPLY_TTL_MS);
        } catch (RuntimeException e) {
            LOG.warn("node {}: could not answer admin command {}: {}", nodeId, commandId, e.toString());
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            if (subscription.isSubscribed()) {
                subscription.unsubscribe();
            }
        } catch (RuntimeException e) {
            LOG.debug("unsubscribing: {}", e.toString());
        }
        listener.interrupt();
        publisher.shutdownNow();
        commands.shutdown();
        try {
            commands.awaitTermination(1, TimeUnit.SECONDS);
            redis.del(keys.nodeReport(nodeId));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("node {}: report not removed: {}", nodeId, e.toString());
        }
    }

    private final class Subscription extends JedisPubSub {
        @Override
        public void onMessage(String channel, String message) {
            commands.execute(() -> execute(message));
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
