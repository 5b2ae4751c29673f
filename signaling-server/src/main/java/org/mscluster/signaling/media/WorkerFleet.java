package org.mscluster.signaling.media;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.mscluster.mediasoup.pool.WorkerDied;
import org.mscluster.mediasoup.pool.WorkerPool;
import org.mscluster.mediasoup.pool.WorkerPoolOptions;
import org.mscluster.mediasoup.pool.WorkerReplaced;
import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.transport.TransportProtocol;
import org.mscluster.mediasoup.webrtcserver.WebRtcServer;
import org.mscluster.mediasoup.webrtcserver.WebRtcServerOptions;
import org.mscluster.mediasoup.worker.MediaHostEndpoint;
import org.mscluster.mediasoup.worker.RemoteWorker;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.mediasoup.worker.WorkerLogLevel;
import org.mscluster.mediasoup.worker.WorkerMode;
import org.mscluster.mediasoup.worker.WorkerSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's workers, each with one {@link WebRtcServer} listening on UDP and TCP port
 * {@code rtcPortBase + index}: all of a worker's WebRTC traffic goes through that one port pair,
 * which is what a firewall or a container's port mapping can be told about in advance.
 *
 * <p>A worker that dies takes its rooms with it (their peers are disconnected and re-join); the
 * {@link WorkerPool} underneath starts a replacement in the same slot, with backoff, and the fleet
 * gives it the slot's WebRtcServer on the same port, so the index the room directory records keeps
 * meaning the same port pair.
 *
 * <p>With media hosts ({@link Settings#mediaHosts()}), the slots are remote workers, {@code workers}
 * per host in host order, and each WebRtcServer listens on the host, on the port of the host slot its
 * worker got. A lost link is a dead worker: the pool reconnects with backoff, so a host that comes
 * back is picked up again.
 */
public final class WorkerFleet implements AutoCloseable {

    /**
     * How the workers are started and where their WebRTC servers listen. With {@code mediaHosts}, the
     * workers run there instead ({@code workers} on each host, in host order), and each WebRTC server
     * listens where its host says, on its slot's port; {@code mode}, {@code listenIp},
     * {@code announcedAddress} and {@code rtcPortBase} then concern nothing.
     */
    public record Settings(int workers, WorkerMode mode, WorkerLogLevel logLevel, String listenIp, String announcedAddress,
            int rtcPortBase, List<MediaHostEndpoint> mediaHosts, Integer rtcMinPort, Integer rtcMaxPort) {
        public Settings(int workers, WorkerMode mode, WorkerLogLevel logLevel, String listenIp, String announcedAddress,
                int rtcPortBase) {
            this(workers, mode, logLevel, listenIp, announcedAddress, rtcPortBase, List.of(), null, null);
        }

        public Settings(int workers, WorkerMode mode, WorkerLogLevel logLevel, String listenIp, String announcedAddress,
                int rtcPortBase, List<MediaHostEndpoint> mediaHosts) {
            this(workers, mode, logLevel, listenIp, announcedAddress, rtcPortBase, mediaHosts, null, null);
        }

        /** Whether the workers run on media hosts. */
        public boolean remote() {
            return !mediaHosts.isEmpty();
        }

        public Settings {
            mediaHosts = mediaHosts == null ? List.of() : List.copyOf(mediaHosts);
            if (workers < 1) {
                throw new IllegalArgumentException("at least one worker");
            }
            if (rtcPortBase < 1 || rtcPortBase + workers - 1 > 65535) {
                throw new IllegalArgumentException("RTC ports " + rtcPortBase + ".." + (rtcPortBase + workers - 1) + " out of range");
            }
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(WorkerFleet.class);
    private static final long START_TIMEOUT_S = 30;

    private final Settings settings;
    private final WorkerPool pool;
    private final AtomicReferenceArray<MediaWorker> slots;
    /** Each slot's media host, by the id it gave itself (kept while the slot's worker is dead); null for local workers. */
    private final AtomicReferenceArray<String> mediaHostIds;
    private final List<Runnable> changeListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    private WorkerFleet(Settings settings, WorkerPool pool) {
        this.settings = settings;
        this.pool = pool;
        this.slots = new AtomicReferenceArray<>(pool.size());
        this.mediaHostIds = new AtomicReferenceArray<>(pool.size());
    }

    /** Starts every worker and its WebRtcServer; on any failure closes what started and throws. */
    public static WorkerFleet start(Settings settings) throws InterruptedException {
        WorkerPoolOptions options;
        if (settings.remote()) {
            List<WorkerSettings> slots = new ArrayList<>();
            for (MediaHostEndpoint host : settings.mediaHosts()) {
                for (int i = 0; i < settings.workers(); i++) {
                    slots.add(WorkerSettings.builder().remote(host).logLevel(settings.logLevel()).build());
                }
            }
            options = WorkerPoolOptions.perSlot(slots, null, null);
        } else {
            WorkerSettings template = WorkerSettings.builder().mode(settings.mode()).logLevel(settings.logLevel())
                    .rtcMinPort(settings.rtcMinPort()).rtcMaxPort(settings.rtcMaxPort()).build();
            options = new WorkerPoolOptions(settings.workers(), template, null, null);
        }
        WorkerPool pool = await(WorkerPool.create(options), options.size() + " workers"
                + (settings.remote() ? " on media hosts " + settings.mediaHosts() : ""));
        WorkerFleet fleet = new WorkerFleet(settings, pool);
        try {
            for (int index = 0; index < pool.size(); index++) {
                fleet.slots.set(index, await(fleet.attachServer(index, pool.worker(index)), "WebRtcServer of worker " + index));
            }
        } catch (InterruptedException | RuntimeException e) {
            pool.close();
            throw e;
        }
        pool.on(WorkerPool.WORKER_DIED, fleet::onWorkerDied);
        pool.on(WorkerPool.WORKER_REPLACED, fleet::onWorkerReplaced);
        return fleet;
    }

    private CompletableFuture<MediaWorker> attachServer(int index, Worker worker) {
        // A remote worker's server listens on its media host, where and as the host says.
        RemoteWorker remote = worker.remote().orElse(null);
        int port = remote != null ? remote.rtcPort() : settings.rtcPortBase() + index;
        String ip = remote != null ? remote.listenIp() : settings.listenIp();
        String announced = remote != null ? remote.announcedIp() : settings.announcedAddress();
        return worker.createWebRtcServer(WebRtcServerOptions.of(List.of(
                listenInfo(TransportProtocol.UDP, ip, announced, port), listenInfo(TransportProtocol.TCP, ip, announced, port))))
                .thenApply(server -> {
                    if (remote != null) {
                        mediaHostIds.set(index, remote.hostId());
                    }
                    LOG.info("worker {} (pid {}{}) serves WebRTC on {}:{} udp+tcp, announced as {}", index, worker.pid(),
                            remote == null ? "" : " on media host " + remote.address(), ip, port, announced);
                    return new MediaWorker(index, worker, server, port, ip, announced);
                });
    }

    /** Runs {@code listener} after a worker died and after a replacement is ready for rooms; it must not block long. */
    public void onChange(Runnable listener) {
        changeListeners.add(listener);
    }

    private void changed() {
        for (Runnable listener : changeListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.warn("worker change listener failed", e);
            }
        }
    }

    private void onWorkerDied(WorkerDied died) {
        changed();
        LOG.error("worker {} (pid {}) died: {}; its rooms are gone, a replacement starts in {} ms", died.slot(),
                died.worker().pid(), died.error().getMessage(), died.replacementIn().toMillis());
    }

    private void onWorkerReplaced(WorkerReplaced replaced) {
        int index = replaced.slot();
        attachServer(index, replaced.replacement()).whenComplete((media, error) -> {
            if (error != null) {
                // Without its server the worker is of no use to rooms: closing it is not a death, so say it loudly.
                LOG.error("replacement worker {} (pid {}) could not start its WebRtcServer: {}", index, replaced.replacement().pid(),
                        error.getMessage());
                return;
            }
            slots.set(index, media);
            changed();
            LOG.warn("worker {} replaced (pid {} -> {}) after {} attempt(s)", index, replaced.previous().pid(),
                    replaced.replacement().pid(), replaced.attempts());
        });
    }

    private static ListenInfo listenInfo(TransportProtocol protocol, String ip, String announced, int port) {
        return ListenInfo.builder().protocol(protocol).ip(ip).announcedAddress(announced).port(port).build();
    }

    private static <T> T await(CompletableFuture<T> future, String what) throws InterruptedException {
        try {
            return future.get(START_TIMEOUT_S, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("cannot start " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("cannot start " + what + ": no answer within " + START_TIMEOUT_S + " s", e);
        }
    }

    /** The worker now in slot {@code index}: a dead one until its replacement listens. */
    public MediaWorker get(int index) {
        return slots.get(index);
    }

    /** The id of the media host slot {@code index} runs on (its last known one while it is dead), or null for a local worker. */
    public String mediaHostOf(int index) {
        return mediaHostIds.get(index);
    }

    public List<MediaWorker> all() {
        List<MediaWorker> all = new ArrayList<>(slots.length());
        for (int i = 0; i < slots.length(); i++) {
            all.add(slots.get(i));
        }
        return List.copyOf(all);
    }

    public int size() {
        return slots.length();
    }

    /** Whether each worker runs in a process of its own (its memory is its own, not the JVM's). */
    public boolean ownProcesses() {
        return settings.mode() == WorkerMode.PROCESS || settings.remote();
    }

    /** Whether the workers run on media hosts rather than on this machine. */
    public boolean remote() {
        return settings.remote();
    }

    /** The link address of the media host slot {@code index} runs on (as configured), or null for a local worker. */
    public String mediaHostAddressOf(int index) {
        return settings.remote() ? settings.mediaHosts().get(index / settings.workers()).address() : null;
    }

    /** True while every slot has a running worker; false between a worker's death and its replacement. */
    public boolean healthy() {
        return all().stream().noneMatch(w -> w.worker().closed());
    }

    @Override
    public void close() {
        pool.close();
    }
}
