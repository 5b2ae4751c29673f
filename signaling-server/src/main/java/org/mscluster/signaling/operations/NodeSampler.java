package org.mscluster.signaling.operations;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.load.HostLoadSource;
import org.mscluster.cluster.model.HostLoad;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.RoomSnapshot;
import org.mscluster.cluster.model.WorkerLoad;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.signaling.media.MediaWorker;
import org.mscluster.signaling.media.WorkerFleet;
import org.mscluster.signaling.room.Room;
import org.mscluster.signaling.room.RoomRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes the node's {@link NodeReport} (the cluster's one load model) at a fixed interval on its own thread: the host's figures,
 * each worker's CPU and memory, and a snapshot of every room (with the transports' bitrates, one
 * {@code getStats} per transport). Readers take {@link #latest()}; listeners hear each new report on
 * the sampler's thread, in order.
 */
public final class NodeSampler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeSampler.class);
    /** Rooms whose snapshot takes longer than this are left out of one report (a stuck worker must not stop the others). */
    private static final long ROOMS_TIMEOUT_MS = 3000;

    private final Supplier<NodeIdentity> identity;
    private final Function<RoomKey, List<RoomSnapshot.Egress>> egresses;
    private final WorkerFleet fleet;
    private final RoomRegistry rooms;
    private final HostLoadSource host;
    private final Clock clock;
    private final WorkerSampler workerSampler = new WorkerSampler();
    private final List<Consumer<NodeReport>> listeners = new CopyOnWriteArrayList<>();
    private final Worker[] lastWorkers;
    private final long[] restarts;
    private volatile NodeReport latest;
    private ScheduledExecutorService scheduler;

    public NodeSampler(Supplier<NodeIdentity> identity, WorkerFleet fleet, RoomRegistry rooms, HostLoadSource host, Clock clock) {
        this(identity, fleet, rooms, host, clock, key -> List.of());
    }

    /** @param egresses a room's running egresses, for its snapshot */
    public NodeSampler(Supplier<NodeIdentity> identity, WorkerFleet fleet, RoomRegistry rooms, HostLoadSource host, Clock clock,
            Function<RoomKey, List<RoomSnapshot.Egress>> egresses) {
        this.egresses = egresses;
        this.identity = identity;
        this.fleet = fleet;
        this.rooms = rooms;
        this.host = host;
        this.clock = clock;
        this.lastWorkers = new Worker[fleet.size()];
        this.restarts = new long[fleet.size()];
        this.latest = NodeReport.idle(identity.get(), fleet.size(), clock.instant());
    }

    /** Samples once now (so {@link #latest()} is real from the start), then every {@code interval}. */
    public synchronized NodeSampler start(Duration interval) {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        sample();
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "node-sampler");
            thread.setDaemon(true);
            return thread;
        });
        long ms = interval.toMillis();
        scheduler.scheduleWithFixedDelay(this::sampleQuietly, ms, ms, TimeUnit.MILLISECONDS);
        return this;
    }

    public NodeReport latest() {
        return latest;
    }

    /** Hears every report from now on, on the sampler's thread; must return quickly. */
    public void addListener(Consumer<NodeReport> listener) {
        listeners.add(listener);
    }

    private void sampleQuietly() {
        try {
            sample();
        } catch (RuntimeException e) {
            // The next tick tries again: a failed sample must not end the schedule.
            LOG.warn("sampling the node failed", e);
        }
    }

    /** Takes one report, publishes it to {@link #latest()} and the listeners, and returns it. */
    public NodeReport sample() {
        HostLoad hostLoad = host.sample();
        List<CompletableFuture<RoomSnapshot>> pending = rooms.rooms().stream().map(Room::snapshot).toList();
        try {
            CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(ROOMS_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            LOG.debug("some room snapshots failed or are late: {}", e.toString());
        }
        List<RoomSnapshot> snapshots = new ArrayList<>();
        for (CompletableFuture<RoomSnapshot> future : pending) {
            if (future.isDone() && !future.isCompletedExceptionally()) {
                RoomSnapshot snapshot = future.join();
                List<RoomSnapshot.Egress> running = egresses.apply(snapshot.key());
                snapshots.add(running.isEmpty() ? snapshot : snapshot.withEgresses(running));
            }
        }
        NodeReport report = new NodeReport(identity.get(), new NodeLoad(hostLoad, workers(snapshots), clock.instant()), snapshots);
        latest = report;
        for (Consumer<NodeReport> listener : listeners) {
            try {
                listener.accept(report);
            } catch (RuntimeException e) {
                LOG.warn("node report listener {} failed", listener, e);
            }
        }
        return report;
    }

    private List<WorkerLoad> workers(List<RoomSnapshot> snapshots) {
        List<WorkerLoad> reports = new ArrayList<>();
        List<Worker> current = new ArrayList<>();
        for (MediaWorker media : fleet.all()) {
            int i = media.index();
            Worker worker = media.worker();
            current.add(worker);
            if (lastWorkers[i] != null && lastWorkers[i] != worker) {
                restarts[i]++;
            }
            lastWorkers[i] = worker;
            double[] cpuAndMemory = workerSampler.sample(media);
            reports.add(new WorkerLoad(i, worker.pid(), !worker.closed(), cpuAndMemory[0], (long) cpuAndMemory[1], 0, 0, 0, 0,
                    0, 0, restarts[i], fleet.mediaHostOf(i)).countedOver(snapshots));
        }
        workerSampler.retain(current);
        return reports;
    }

    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }
}
