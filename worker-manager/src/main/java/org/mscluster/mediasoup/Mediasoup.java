package org.mscluster.mediasoup;

import java.util.concurrent.CompletableFuture;
import org.mscluster.channel.MediasoupVersion;
import org.mscluster.channel.NativeBinaries;
import org.mscluster.mediasoup.errors.MediasoupException;
import org.mscluster.mediasoup.events.EventEmitter;
import org.mscluster.mediasoup.events.EventType;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.ScalabilityMode;
import org.mscluster.mediasoup.rtp.SupportedRtpCapabilities;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.mediasoup.worker.WorkerMode;
import org.mscluster.mediasoup.worker.WorkerSettings;

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

    /**
     * The {@code mediasoup-worker} executable workers of {@link WorkerMode#PROCESS} run, as found in
     * {@code mscluster.native.dir}, {@code MSCLUSTER_NATIVE_DIR} or the build cache (the Node baseline
     * benchmarks run the official layer on the same binary).
     */
    public static java.nio.file.Path workerExecutable() {
        return NativeBinaries.locate().workerExecutable();
    }

    public static CompletableFuture<Worker> createWorker() {
        return createWorker(WorkerSettings.defaults());
    }

    /** As {@link #createWorker(WorkerSettings)} with the worker binaries of {@code binaries} (Node's {@code workerBin}). */
    public static CompletableFuture<Worker> createWorker(WorkerSettings settings, NativeBinaries binaries) {
        CompletableFuture<Worker> started;
        try {
            started = new Worker(settings, binaries).started();
        } catch (MediasoupException e) {
            return CompletableFuture.failedFuture(e);
        } catch (RuntimeException e) {
            // The bridge's own failures (a binary missing, a library that does not load) as the API's error.
            return CompletableFuture.failedFuture(new MediasoupException(e.getMessage(), e));
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
