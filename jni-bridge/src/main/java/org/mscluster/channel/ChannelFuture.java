package org.mscluster.channel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * A future completed on a worker's delivery thread. Waiting for it on that very thread (from a
 * notification listener or a callback chained to another request) could never end, since the
 * response would have to be delivered by the thread that waits: such a wait fails at once with an
 * {@link IllegalStateException} instead of hanging. Futures derived from it keep the guard.
 */
public final class ChannelFuture<T> extends CompletableFuture<T> {

    private final Predicate<Thread> deliveryThread;

    public ChannelFuture(Predicate<Thread> deliveryThread) {
        this.deliveryThread = deliveryThread;
    }

    @Override
    public <U> CompletableFuture<U> newIncompleteFuture() {
        return new ChannelFuture<>(deliveryThread);
    }

    @Override
    public T join() {
        guard();
        return super.join();
    }

    @Override
    public T get() throws InterruptedException, ExecutionException {
        guard();
        return super.get();
    }

    @Override
    public T get(long timeout, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        guard();
        return super.get(timeout, unit);
    }

    private void guard() {
        if (!isDone() && deliveryThread.test(Thread.currentThread())) {
            throw new IllegalStateException("waiting for a worker response on that worker's channel thread would"
                    + " deadlock: chain the future (thenCompose/thenAccept) or hand the work to another executor");
        }
    }
}
