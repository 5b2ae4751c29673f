package org.mscluster.cluster.dispatch;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.RoomKey;

/**
 * A dispatcher's asynchronous front to {@link RoomPlacer}: request handlers (Netty event loops,
 * say) hand in requests without blocking, and a few lanes, each with its own Redis connection,
 * send whatever has queued up since their previous round trip as one batch
 * ({@link RoomPlacer#dispatchAll}).
 *
 * <p>Batching needs no timer and adds no delay: an idle lane takes a lone request at once, so
 * under light load every decision is one round trip of its own; under heavy load a round trip
 * carries every request that arrived while the previous one was out, which is what lets one
 * dispatcher keep up with far more decisions per second than it has connections. This is the
 * pipelining Lettuce or a Netty Redis client does on a shared connection, done explicitly on
 * Jedis's blocking connections. A lane that has answered its batch reads the view of the nodes
 * when it is nearly due ({@link RoomPlacer#refreshViewAhead}), so no batch waits for that read.
 *
 * <p>Futures complete on a lane thread; keep their callbacks short or hand them off.
 */
public final class DispatchPipeline implements AutoCloseable {
    /** Requests per round trip at most; bounds one Redis pipeline's size and one lane's latency. */
    public static final int DEFAULT_MAX_BATCH = 128;

    private record Pending(DispatchRequest request, CompletableFuture<Dispatch> answer) {}

    private final RoomPlacer placer;
    private final int maxBatch;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    private final List<Thread> lanes = new ArrayList<>();
    private volatile boolean closed;

    /**
     * @param lanes concurrent round trips, i.e. Redis connections in use (the client's pool must
     *     have at least as many)
     */
    public DispatchPipeline(RoomPlacer placer, int lanes, int maxBatch) {
        this.placer = Objects.requireNonNull(placer, "placer");
        if (lanes < 1 || maxBatch < 1) {
            throw new IllegalArgumentException("lanes and maxBatch must be >= 1");
        }
        this.maxBatch = maxBatch;
        for (int i = 0; i < lanes; i++) {
            Thread t = new Thread(this::runLane, "dispatch-lane-" + i);
            t.setDaemon(true);
            this.lanes.add(t);
            t.start();
        }
    }

    public DispatchPipeline(RoomPlacer placer, int lanes) {
        this(placer, lanes, DEFAULT_MAX_BATCH);
    }

    /**
     * Where {@code client} should join {@code room}; completes as {@link RoomPlacer#dispatch} would
     * return or throw.
     */
    public CompletableFuture<Dispatch> dispatch(RoomKey room, ClientInfo client) {
        CompletableFuture<Dispatch> answer = new CompletableFuture<>();
        if (closed) {
            answer.completeExceptionally(new RejectedExecutionException("dispatch pipeline closed"));
            return answer;
        }
        queue.add(new Pending(new DispatchRequest(room, client), answer));
        if (closed) {
            failQueued(); // close() may have drained the queue before this request arrived
        }
        return answer;
    }

    private void runLane() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        List<DispatchRequest> requests = new ArrayList<>(maxBatch);
        while (!closed) {
            try {
                batch.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(batch, maxBatch - 1);
            for (Pending p : batch) {
                requests.add(p.request());
            }
            List<DispatchOutcome> outcomes;
            try {
                outcomes = placer.dispatchAll(requests);
            } catch (RuntimeException e) {
                batch.forEach(p -> p.answer().completeExceptionally(e));
                batch.clear();
                requests.clear();
                continue;
            }
            for (int i = 0; i < batch.size(); i++) {
                DispatchOutcome o = outcomes.get(i);
                if (o.succeeded()) {
                    batch.get(i).answer().complete(o.dispatch());
                } else {
                    batch.get(i).answer().completeExceptionally(o.failure());
                }
            }
            batch.clear();
            requests.clear();
            refreshViewAhead();
        }
    }

    /** With the batch answered: the view read, when it is due, delays no decision of this lane's. */
    private void refreshViewAhead() {
        try {
            placer.refreshViewAhead();
        } catch (RuntimeException e) {
            // The store is unreachable: the next decision reads the view itself, and fails as it must.
        }
    }

    /** Stops the lanes; requests still queued fail with {@link RejectedExecutionException}. */
    @Override
    public void close() {
        closed = true;
        lanes.forEach(Thread::interrupt);
        for (Thread t : lanes) {
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        failQueued();
    }

    private void failQueued() {
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.answer().completeExceptionally(new RejectedExecutionException("dispatch pipeline closed")));
    }
}
