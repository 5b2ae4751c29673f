package org.mscluster.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import org.mscluster.channel.MediasoupVersion;
import org.mscluster.channel.NativeBinaries;
import org.mscluster.channel.remote.MediaHost;
import org.mscluster.channel.remote.MediaHostSettings;
import org.mscluster.mediasoup.Mediasoup;
import org.mscluster.mediasoup.worker.MediaHostEndpoint;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.mediasoup.worker.WorkerLogLevel;
import org.mscluster.mediasoup.worker.WorkerMode;
import org.mscluster.mediasoup.worker.WorkerSettings;

/**
 * The worker a benchmark measures. For {@code --mode remote} it runs on the media host of
 * {@code --media-host}, or, without one, on a media host this process starts on loopback: the
 * same link code over TCP, so the figure is the link's cost beside the other modes on one machine.
 */
final class BenchWorkers implements AutoCloseable {

    private final Worker worker;
    private final MediaHost ownHost;

    private BenchWorkers(Worker worker, MediaHost ownHost) {
        this.worker = worker;
        this.ownHost = ownHost;
    }

    static BenchWorkers start(WorkerMode mode, String mediaHost, Path mediaSecretFile) throws Exception {
        WorkerSettings.Builder settings = WorkerSettings.builder().mode(mode).logLevel(WorkerLogLevel.WARN);
        MediaHost own = null;
        if (mode == WorkerMode.REMOTE) {
            if (mediaHost != null) {
                settings.remote(MediaHostEndpoint.parse(mediaHost, null, MediaSecret.read(mediaSecretFile, "--media-secret-file"), "bench"));
            } else {
                byte[] secret = new byte[32];
                new SecureRandom().nextBytes(secret);
                own = MediaHost.start(new MediaHostSettings("bench-media-host", "127.0.0.1", 0, null, 2, 47000, secret, null, null,
                        NativeBinaries.locate(), MediasoupVersion.get(), null));
                settings.remote(new MediaHostEndpoint("127.0.0.1", own.port(), false, null, secret, "bench"));
            }
        }
        try {
            return new BenchWorkers(Mediasoup.createWorker(settings.build()).get(30, TimeUnit.SECONDS), own);
        } catch (Exception e) {
            if (own != null) {
                own.close();
            }
            throw e;
        }
    }

    Worker worker() {
        return worker;
    }

    @Override
    public void close() throws Exception {
        try {
            worker.close();
            worker.whenSubprocessClosed().get(10, TimeUnit.SECONDS);
        } finally {
            if (ownHost != null) {
                ownHost.close();
            }
        }
    }
}
