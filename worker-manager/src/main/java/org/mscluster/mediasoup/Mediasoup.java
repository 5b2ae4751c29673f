package org.mscluster.mediasoup;

import java.util.concurrent.CompletableFuture;
import org.mscluster.channel.MediasoupVersion;
import org.mscluster.channel.NativeBinaries;
import org.mscluster.mediasoup.events.EventEmitter;
import org.mscluster.mediasoup.events.EventType;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.ScalabilityMode;
import org.mscluster.mediasoup.rtp.SupportedRtpCapabilities;

/**
 * The entry point, as the Node layer's {@code mediasoup} module. Logging goes through SLF4J
 * (loggers {@code org.mscluster.*} and {@code mediasoup.worker} for the workers' own lines), which
 * takes the place of Node's {@code setLogEventListeners}.
 */
public final class Mediasoup {

    /** A worker was created (the module observer's {@code newworker}). */
    public static final EventType<Worker> OBSERVER_NEW_WORKER = EventType.of("newworker");

    private static final EventEmitter OBSERVER = new EventEmitter();

    private Mediasoup() {
    }

    /** The mediasoup version whose worker and API this build carries. */
    public static String version() {
        return MediasoupVersion.get();
    }

    public static EventEmitter observer() {
        return OBSERVER;
    }

    /** Starts a worker; the future completes once it runs, or fails ({@code TypeError} for bad settings). */
    public static CompletableFuture<Worker> createWorker(WorkerSettings settings) {
        return createWorker(settings, NativeBinaries.locate());
    }

    public static CompletableFuture<Worker> createWorker() {
        return createWorker(WorkerSettings.defaults());
    }

    /** As {@link #createWorker(WorkerSettings)} with the worker binaries of {@code binaries} (Node's {@code workerBin}). */
    public static CompletableFuture<Worker> createWorker(WorkerSettings settings, NativeBinaries binaries) {
        CompletableFuture<Worker> started;
        try {
            started = new Worker(settings, binaries).started();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return started.thenApply(worker -> {
            OBSERVER.emit(OBSERVER_NEW_WORKER, worker);
            return worker;
        });
    }

    /** mediasoup's supported RTP capabilities (immutable, so every caller may keep its own). */
    public static RtpCapabilities getSupportedRtpCapabilities() {
        return SupportedRtpCapabilities.get();
    }

    public static ScalabilityMode parseScalabilityMode(String scalabilityMode) {
        return ScalabilityMode.parse(scalabilityMode);
    }
}
