package org.mscluster.cluster.command;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * The command channel of one JVM: a command is a direct call of the addressed node's handler. What a
 * standalone node uses, and tests of the cluster's entry points without Redis.
 */
public final class InMemoryNodeCommands implements NodeCommands {

    private final Map<String, Function<AdminCommand, CompletionStage<ActionResult>>> handlers = new ConcurrentHashMap<>();

    @Override
    public Subscription subscribe(String nodeId, Function<AdminCommand, CompletionStage<ActionResult>> handler) {
        handlers.put(nodeId, handler);
        return new Subscription() {
            private volatile boolean open = true;

            @Override
            public boolean active() {
                return open;
            }

            @Override
            public void close() {
                open = false;
                handlers.remove(nodeId, handler);
            }
        };
    }

    @Override
    public ActionResult send(String nodeId, AdminCommand command, Duration timeout) {
        Function<AdminCommand, CompletionStage<ActionResult>> handler = handlers.get(nodeId);
        if (handler == null) {
            return new ActionResult(503, "node " + nodeId + " does not take commands now");
        }
        try {
            return handler.apply(command).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return new ActionResult(504, "node " + nodeId + " did not answer in time");
        } catch (ExecutionException e) {
            return new ActionResult(500, "the node failed: " + e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ActionResult(503, "interrupted while waiting for node " + nodeId);
        }
    }

    @Override
    public boolean post(String nodeId, AdminCommand command) {
        Function<AdminCommand, CompletionStage<ActionResult>> handler = handlers.get(nodeId);
        if (handler == null) {
            return false;
        }
        handler.apply(command);
        return true;
    }
}
