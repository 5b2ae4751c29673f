package org.mscluster.mediasoup;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.mscluster.channel.MediasoupVersion;
import org.mscluster.channel.NativeBinaries;
import org.mscluster.channel.remote.MediaHost;
import org.mscluster.channel.remote.MediaHostSettings;
import org.mscluster.mediasoup.worker.MediaHostEndpoint;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.mediasoup.worker.WorkerLogLevel;
import org.mscluster.mediasoup.worker.WorkerMode;
import org.mscluster.mediasoup.worker.WorkerSettings;

/**
 * Workers as the jest suite's {@code mediasoup.createWorker()} gives them, warnings only, in the mode
 * the system property {@code mscluster.test.worker.mode} names ({@code in-process} by default; the
 * build runs part of the suite again in {@code process} and {@code remote}). Remote workers run on one
 * media host this JVM starts on loopback at first use: real worker processes behind a real TCP link.
 */
public final class TestWorkers {

    private static MediaHost mediaHost;
    private static byte[] secret;

    private TestWorkers() {
    }

    /** The mode this run of the suite tests. */
    public static WorkerMode mode() {
        return WorkerMode.fromCliName(System.getProperty("mscluster.test.worker.mode", WorkerMode.IN_PROCESS.cliName()));
    }

    static Worker start() throws Exception {
        return start(mode());
    }

    static Worker start(WorkerMode mode) throws Exception {
        return Mediasoup.createWorker(settings(mode).logLevel(WorkerLogLevel.WARN).build()).get(20, TimeUnit.SECONDS);
    }

    /** Settings of {@code mode}, with the shared media host for {@link WorkerMode#REMOTE}. */
    public static WorkerSettings.Builder settings(WorkerMode mode) {
        WorkerSettings.Builder builder = WorkerSettings.builder().mode(mode);
        return mode == WorkerMode.REMOTE ? builder.remote(mediaHost()) : builder;
    }

    /** Where the shared media host listens, started at first use and closed when the JVM exits. */
    public static synchronized MediaHostEndpoint mediaHost() {
        if (mediaHost == null) {
            secret = new byte[32];
            new SecureRandom().nextBytes(secret);
            try {
                mediaHost = MediaHost.start(new MediaHostSettings("test-media-host", "127.0.0.1", 0, null, 64, 46000, secret,
                        null, null, NativeBinaries.locate(), MediasoupVersion.get(), Duration.ofSeconds(5)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            MediaHost started = mediaHost;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-media-host-close"));
        }
        return new MediaHostEndpoint("127.0.0.1", mediaHost.port(), false, null, secret, "worker-manager-tests");
    }

    /** The jest {@code afterEach}: close, then wait until the worker's thread or process has ended. */
    static void close(Worker worker) throws Exception {
        if (worker == null) {
            return;
        }
        worker.close();
        worker.whenSubprocessClosed().get(10, TimeUnit.SECONDS);
    }
}
