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
 */
public final class WorkerFleet implements AutoCloseable {

    /** How the workers are started and where their WebRTC servers listen. */
    public record Settings(int workers, WorkerMode mode, WorkerLogLevel logLevel, String listenIp, String announcedAddress,
            int rtcPortBase) {
        public Settings {
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

    private WorkerFleet(Settings settings, WorkerPool pool) {
        this.settings = settings;
        this.pool = pool;
        this.slots = new AtomicReferenceArray<>(settings.workers());
    }

    /** Starts every worker and its WebRtcServer; on any failure closes what started and throws. */
    public static WorkerFleet start(Settings settings) throws InterruptedException {
        WorkerSettings template = WorkerSettings.builder().mode(settings.mode()).logLevel(settings.logLevel()).build();
        WorkerPool pool = await(WorkerPool.create(new WorkerPoolOptions(settings.workers(), template, null, null)),
                settings.workers() + " workers");
        WorkerFleet fleet = new WorkerFleet(settings, pool);
        try {
            for (int index = 0; index < settings.workers(); index++) {
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
        int port = settings.rtcPortBase() + index;
        return worker.createWebRtcServer(WebRtcServerOptions.of(List.of(
                listenInfo(TransportProtocol.UDP, port), listenInfo(TransportProtocol.TCP, port)))).thenApply(server -> {
                    LOG.info("worker {} (pid {}) serves WebRTC on {}:{} udp+tcp, announced as {}", index, worker.pid(),
                            settings.listenIp(), port, settings.announcedAddress());
                    return new MediaWorker(index, worker, server, port);
                });
    }

    private void onWorkerDied(WorkerDied died) {
        LOG.error("worker {} (pid {}) died: {}; its rooms are gone, a replacement starts in {} ms", died.slot(),
                died.worker().pid(), died.error().getMessage(), died.replacementIn().toMillis());
    }

    private void onWorkerReplaced(WorkerReplaced replaced) {
        int index = replaced.slot();
        attachServer(index, replaced.replacement()).whenComplete((media, error) -> {
            if (error != null) {
                // Without its server the worker is of no use to rooms: closing it is not a death, so say it loudly.
                LOG.error("replacement worker {} (pid {}) could not listen on port {}: {}", index, replaced.replacement().pid(),
                        settings.rtcPortBase() + index, error.getMessage());
                return;
            }
            slots.set(index, media);
            LOG.warn("worker {} replaced (pid {} -> {}) after {} attempt(s)", index, replaced.previous().pid(),
                    replaced.replacement().pid(), replaced.attempts());
        });
    }

    private ListenInfo listenInfo(TransportProtocol protocol, int port) {
        return ListenInfo.builder().protocol(protocol).ip(settings.listenIp()).announcedAddress(settings.announcedAddress())
                .port(port).build();
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
        return settings.mode() == WorkerMode.PROCESS;
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
