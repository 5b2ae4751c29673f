package org.mscluster.signaling.media;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.mscluster.channel.WorkerMode;
import org.mscluster.mediasoup.Mediasoup;
import org.mscluster.mediasoup.WebRtcServer;
import org.mscluster.mediasoup.WebRtcServerOptions;
import org.mscluster.mediasoup.Worker;
import org.mscluster.mediasoup.WorkerLogLevel;
import org.mscluster.mediasoup.WorkerSettings;
import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.transport.TransportProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the node's workers, each with one {@link WebRtcServer} listening on UDP and TCP port
 * {@code rtcPortBase + index}: all of a worker's WebRTC traffic goes through that one port pair,
 * which is what a firewall or a container's port mapping can be told about in advance.
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

    private final List<MediaWorker> workers;

    private WorkerFleet(List<MediaWorker> workers) {
        this.workers = List.copyOf(workers);
    }

    /** Starts every worker and its WebRtcServer; on any failure closes what started and throws. */
    public static WorkerFleet start(Settings settings) throws InterruptedException {
        List<MediaWorker> started = new ArrayList<>();
        try {
            for (int index = 0; index < settings.workers(); index++) {
                started.add(startOne(settings, index));
            }
        } catch (InterruptedException | RuntimeException e) {
            started.forEach(w -> w.worker().close());
            throw e;
        }
        return new WorkerFleet(started);
    }

    private static MediaWorker startOne(Settings settings, int index) throws InterruptedException {
        int port = settings.rtcPortBase() + index;
        Worker worker = await(Mediasoup.createWorker(WorkerSettings.builder()
                .mode(settings.mode())
                .logLevel(settings.logLevel())
                .build()), "worker " + index);
        worker.on(Worker.DIED, error -> LOG.error("worker {} (pid {}) died: {}; its rooms are gone", index, worker.pid(),
                error.getMessage()));
        try {
            WebRtcServer server = await(worker.createWebRtcServer(WebRtcServerOptions.of(List.of(
                    listenInfo(TransportProtocol.UDP, settings, port),
                    listenInfo(TransportProtocol.TCP, settings, port)))), "WebRtcServer on port " + port);
            LOG.info("worker {} (pid {}) serves WebRTC on {}:{} udp+tcp, announced as {}", index, worker.pid(),
                    settings.listenIp(), port, settings.announcedAddress());
            return new MediaWorker(index, worker, server, port);
        } catch (RuntimeException | InterruptedException e) {
            worker.close();
            throw e;
        }
    }

    private static ListenInfo listenInfo(TransportProtocol protocol, Settings settings, int port) {
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

    public MediaWorker get(int index) {
        return workers.get(index);
    }

    public List<MediaWorker> all() {
        return workers;
    }

    public int size() {
        return workers.size();
    }

    /** True while every worker runs; a dead worker makes the node unhealthy rather than silently smaller. */
    public boolean healthy() {
        return workers.stream().noneMatch(w -> w.worker().closed());
    }

    @Override
    public void close() {
        for (MediaWorker worker : workers) {
            worker.worker().close();
        }
    }
}
