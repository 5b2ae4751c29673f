package org.mscluster.cli;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
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
 * The workers a benchmark measures (one, unless it asks for more). For {@code --mode remote} it runs on the media host of
 * {@code --media-host}, or, without one, on a media host this process starts on loopback: the
 * same link code over TCP, so the figure is the link's cost beside the other modes on one machine.
 */
final class BenchWorkers implements AutoCloseable {

    private final List<Worker> workers;
    private final MediaHost ownHost;

    private BenchWorkers(List<Worker> workers, MediaHost ownHost) {
        this.workers = workers;
        this.ownHost = ownHost;
    }

    static BenchWorkers start(WorkerMode mode, String mediaHost, Path mediaSecretFile) throws Exception {
        return start(mode, mediaHost, mediaSecretFile, 1);
    }

    static BenchWorkers start(WorkerMode mode, String mediaHost, Path mediaSecretFile, int count) throws Exception {
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
        List<Worker> started = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                started.add(Mediasoup.createWorker(settings.build()).get(30, TimeUnit.SECONDS));
            }
            return new BenchWorkers(started, own);
        } catch (Exception e) {
            try {
                new BenchWorkers(started, own).close();
            } catch (Exception closing) {
                e.addSuppressed(closing);
            }
            throw e;
        }
    }

    Worker worker() {
        return workers.get(0);
    }

    List<Worker> workers() {
        return workers;
    }

    @Override
    public void close() throws Exception {
        try {
            for (Worker worker : workers) {
                worker.close();
            }
            for (Worker worker : workers) {
                worker.whenSubprocessClosed().get(10, TimeUnit.SECONDS);
            }
        } finally {
            if (ownHost != null) {
                ownHost.close();
            }
        }
    }
}
