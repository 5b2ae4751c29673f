package org.mscluster.mediasoup.pool;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.mscluster.mediasoup.Mediasoup;
import org.mscluster.mediasoup.errors.InvalidStateError;
import org.mscluster.mediasoup.errors.MediasoupException;
import org.mscluster.mediasoup.events.EventEmitter;
import org.mscluster.mediasoup.events.EventType;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterOptions;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.mediasoup.worker.WorkerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fixed number of workers ("slots"), each kept running: which worker hosts what is the caller's
 * choice by slot index (on a node, the cluster's placement policy makes it, the one worker-choice path
 * of the product). When a worker dies the pool emits {@link
 * #WORKER_DIED}, starts a replacement in the same slot (same settings, same port range) after a
 * {@link ReplacementBackoff}, retrying with growing delays while starts fail, and emits {@link
 * #WORKER_REPLACED} once it runs. What the dead worker held is gone: the application recreates it,
 * for instance on the replacement. {@link #close()} closes every worker and stops replacing.
 *
 * <p>Listeners run on the thread that noticed the change (a worker's channel or exit thread, or the
 * pool's replacement thread) and must not block.
 */
public final class WorkerPool extends EventEmitter implements AutoCloseable {

    /** A worker of the pool died: payload says which, why and when its replacement starts. */
    public static final EventType<WorkerDied> WORKER_DIED = EventType.of("workerdied");
    /** A replacement worker runs in the slot of a dead one. */
    public static final EventType<WorkerReplaced> WORKER_REPLACED = EventType.of("workerreplaced");

    private static final Logger LOG = LoggerFactory.getLogger(WorkerPool.class);

    private final WorkerPoolOptions options;
    private final List<Slot> slots;
    /** Every worker started and not yet ended, replacements being started included: what close waits for. */
    private final Set<CompletableFuture<?>> ending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService replacer;
    private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();
    private volatile boolean closed;

    /** One place for a worker: its settings stay, the worker in it changes when one dies. */
    private static final class Slot {
        final int index;
        final WorkerSettings settings;
        volatile Worker worker;
        /** Deaths and failed starts since a worker last ran for at least the backoff's maximum. */
        int failuresInARow;
        long startedAtNanos;

        Slot(int index, WorkerSettings settings) {
            this.index = index;
            this.settings = settings;
        }
    }

    private WorkerPool(WorkerPoolOptions options) {
        this.options = options;
        List<WorkerSettings> settings = options.slotSettings() != null ? options.slotSettings()
                : PortRangeSplit.perWorker(options.settings(), options.size());
        List<Slot> list = new ArrayList<>(settings.size());
        for (int i = 0; i < settings.size(); i++) {
            list.add(new Slot(i, settings.get(i)));
        }
        this.slots = List.copyOf(list);
        this.replacer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "worker-pool-replacer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts the pool's workers; completes once all run. If one fails to start, the others are
     * closed and the future fails with that worker's error.
     */
    public static CompletableFuture<WorkerPool> create(WorkerPoolOptions options) {
        WorkerPool pool = new WorkerPool(options == null ? WorkerPoolOptions.defaults() : options);
        List<CompletableFuture<Worker>> starts = new ArrayList<>();
        for (Slot slot : pool.slots) {
            starts.add(pool.start(slot).thenApply(worker -> {
                pool.install(slot, worker);
                return worker;
            }));
        }
        return CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).handle((nothing, error) -> {
            if (error != null) {
                pool.close();
                Throwable cause = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                        ? error.getCause() : error;
                throw cause instanceof RuntimeException runtime ? runtime : new MediasoupException("pool start failed: " + cause, cause);
            }
            return pool;
        });
    }

    public static CompletableFuture<WorkerPool> create() {
        return create(WorkerPoolOptions.defaults());
    }

    /** How many workers the pool keeps running. */
    public int size() {
        return slots.size();
    }

    public boolean closed() {
        return closed;
    }

    /** The running workers, in slot order; a slot waiting for a replacement is left out. */
    public List<Worker> workers() {
        List<Worker> workers = new ArrayList<>(slots.size());
        for (Slot slot : slots) {
            Worker worker = slot.worker;
            if (worker != null && !worker.closed()) {
                workers.add(worker);
            }
        }
        return workers;
    }

    /** The worker running in {@code slot}, or {@code null} while it is being replaced. */
    public Worker worker(int slot) {
        Worker worker = slots.get(slot).worker;
        return worker == null || worker.closed() ? null : worker;
    }

    /** Closes every worker, stops replacing dead ones; returns at once (see {@link #whenClosed()}). */
    @Override
    public void close() {
        List<Worker> toClose = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            for (Slot slot : slots) {
                if (slot.worker != null) {
                    toClose.add(slot.worker);
                }
            }
        }
        replacer.shutdownNow();
        for (Worker worker : toClose) {
            worker.close();
        }
        CompletableFuture.allOf(ending.toArray(CompletableFuture[]::new))
                .whenComplete((nothing, error) -> closedFuture.complete(null));
    }

    /** Completes once the pool is closed and every worker it started has ended (thread returned, process exited). */
    public CompletableFuture<Void> whenClosed() {
        return closedFuture;
    }

    /** Starts a worker for {@code slot}; tracked until it has ended, closed at once if the pool closed meanwhile. */
    private CompletableFuture<Worker> start(Slot slot) {
        CompletableFuture<Worker> created = Mediasoup.createWorker(slot.settings);
        CompletableFuture<Object> ended = created
                .thenCompose(worker -> worker.whenSubprocessClosed().thenApply(exit -> (Object) exit))
                .exceptionally(error -> null);
        ending.add(ended);
        ended.whenComplete((exit, error) -> ending.remove(ended));
        CompletableFuture<Worker> started = created.copy().orTimeout(options.startTimeout().toMillis(), TimeUnit.MILLISECONDS);
        // Too late is as good as failed: a worker that still comes up is closed.
        started.whenComplete((worker, error) -> {
            if (error != null) {
                created.thenAccept(Worker::close);
            }
        });
        return started;
    }

    /** Puts a running worker into its slot, or closes it if the pool closed while it started. */
    private void install(Slot slot, Worker worker) {
        synchronized (this) {
            if (!closed) {
                slot.worker = worker;
                slot.startedAtNanos = System.nanoTime();
                worker.on(Worker.DIED, error -> onDied(slot, worker, error));
                if (!worker.died()) {
                    return;
                }
            } else {
                worker.close();
                return;
            }
        }
        // Died between starting and being installed, before its DIED listener was there.
        onDied(slot, worker, new MediasoupException("worker died right after it started [pid:" + worker.pid() + "]"));
    }

    private void onDied(Slot slot, Worker worker, MediasoupException error) {
        Duration delay;
        synchronized (this) {
            if (closed || slot.worker != worker) {
                return;
            }
            // Empty until the replacement runs; also keeps a second report of this death from counting.
            slot.worker = null;
            boolean ranLongEnough = System.nanoTime() - slot.startedAtNanos >= options.backoff().max().toNanos();
            slot.failuresInARow = ranLongEnough ? 1 : slot.failuresInARow + 1;
            delay = options.backoff().delay(slot.failuresInARow);
        }
        LOG.error("worker {} of the pool (pid {}) died: {}; replacing it in {} ms", slot.index, worker.pid(),
                error.getMessage(), delay.toMillis());
        emit(WORKER_DIED, new WorkerDied(slot.index, worker, error, delay));
        scheduleReplacement(slot, worker, 1, delay);
    }

    private void scheduleReplacement(Slot slot, Worker dead, int attempt, Duration delay) {
        try {
            replacer.schedule(() -> replace(slot, dead, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("pool closed: worker {} is not replaced", slot.index);
        }
    }

    private void replace(Slot slot, Worker dead, int attempt) {
        if (closed) {
            return;
        }
        start(slot).whenComplete((worker, error) -> {
            if (error != null) {
                Duration delay;
                synchronized (this) {
                    if (closed) {
                        return;
                    }
                    slot.failuresInARow++;
                    delay = options.backoff().delay(slot.failuresInARow);
                }
                LOG.error("replacement for worker {} of the pool failed to start (attempt {}): {}; retrying in {} ms",
                        slot.index, attempt, error.getMessage(), delay.toMillis());
                scheduleReplacement(slot, dead, attempt + 1, delay);
                return;
            }
            install(slot, worker);
            if (slot.worker == worker && !worker.closed()) {
                LOG.info("worker {} of the pool replaced: pid {} instead of {}", slot.index, worker.pid(), dead.pid());
                emit(WORKER_REPLACED, new WorkerReplaced(slot.index, dead, worker, attempt));
            }
        });
    }

    @Override
    public String toString() {
        return "WorkerPool[" + slots.size() + " workers" + (closed ? ", closed" : "") + "]";
    }
}
