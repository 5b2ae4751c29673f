package org.mscluster.mediasoup;

import java.util.concurrent.CompletableFuture;
import org.mscluster.channel.MediasoupVersion;
import org.mscluster.channel.NativeBinaries;

/** The entry point, as the Node layer's {@code mediasoup} module. */
public final class Mediasoup {

    private Mediasoup() {
    }

    /** The mediasoup version whose worker and API this build carries. */
    public static String version() {
        return MediasoupVersion.get();
    }

    /** Starts a worker; the future completes once it runs, or fails ({@code TypeError} for bad settings). */
    public static CompletableFuture<Worker> createWorker(WorkerSettings settings) {
        return new Worker(settings, NativeBinaries.locate()).started();
    }

    public static CompletableFuture<Worker> createWorker() {
        return createWorker(WorkerSettings.defaults());
    }
}
