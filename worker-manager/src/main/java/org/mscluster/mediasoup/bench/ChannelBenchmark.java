package org.mscluster.mediasoup.bench;

import FBS.Request.Method;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongConsumer;
import org.mscluster.channel.Channel;
import org.mscluster.mediasoup.worker.Worker;

/**
 * The channel benchmark: {@code WORKER_DUMP} round trips over a worker's channel in a closed loop of
 * {@code inFlight} lanes, as the Node baseline's ({@code bench/node/channel.mjs}): each response sends
 * its lane's next request from the completion callback, so the measurement holds no extra thread
 * hand-off per request. Here rather than in the CLI because only the mediasoup API reaches the channel.
 */
public final class ChannelBenchmark {

    private ChannelBenchmark() {
    }

    /**
     * Sends {@code count} requests with at most {@code inFlight} at once and waits for every answer.
     *
     * @param latencies hears each round trip in nanoseconds, on the channel's thread; null for none (warm-up)
     * @throws IllegalStateException if a request failed or the run took over ten minutes
     */
    public static void run(Worker worker, int count, int inFlight, LongConsumer latencies) throws InterruptedException {
        Channel channel = worker.channel();
        int lanes = Math.min(inFlight, count);
        AtomicInteger issued = new AtomicInteger();
        CountDownLatch lanesDone = new CountDownLatch(lanes);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        for (int lane = 0; lane < lanes; lane++) {
            issued.incrementAndGet();
            next(channel, count, issued, lanesDone, failure, latencies);
        }
        if (!lanesDone.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("benchmark did not finish within 10 minutes");
        }
        if (failure.get() != null) {
            throw new IllegalStateException("a request failed: " + failure.get(), failure.get());
        }
    }

    private static void next(Channel channel, int count, AtomicInteger issued, CountDownLatch lanesDone,
            AtomicReference<Throwable> failure, LongConsumer latencies) {
        long sent = System.nanoTime();
        channel.request(Method.WORKER_DUMP, null).whenComplete((response, error) -> {
            if (error != null) {
                failure.compareAndSet(null, error);
                lanesDone.countDown();
                return;
            }
            if (latencies != null) {
                latencies.accept(System.nanoTime() - sent);
            }
            if (failure.get() == null && issued.incrementAndGet() <= count) {
                next(channel, count, issued, lanesDone, failure, latencies);
            } else {
                lanesDone.countDown();
            }
        });
    }
}
