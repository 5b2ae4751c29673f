package org.mscluster.signaling.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;
import org.mscluster.mediasoup.worker.RemoteWorker;
import org.mscluster.signaling.media.MediaWorker;
import org.mscluster.signaling.media.WorkerFleet;

/**
 * The links to media hosts of a node whose workers run there: per worker slot
 * ({@code worker}, {@code media_host} its link address), the heartbeat round trip and the bytes each
 * way. A slot's counters start again from zero when its worker is replaced (a new link), which
 * Prometheus' {@code rate()} reads as a counter reset.
 */
public final class MediaLinkMeters {

    private MediaLinkMeters() {
    }

    /** Registers the slots' meters when the fleet's workers are remote; does nothing otherwise. */
    public static void bind(MeterRegistry registry, WorkerFleet fleet) {
        if (!fleet.remote()) {
            return;
        }
        for (int i = 0; i < fleet.size(); i++) {
            int slot = i;
            String worker = Integer.toString(i);
            String host = fleet.mediaHostAddressOf(i);
            Gauge.builder("mscluster.media.link.rtt", fleet, f -> link(f, slot, r -> r.rttNanos() < 0 ? Double.NaN : r.rttNanos() / 1e9))
                    .baseUnit("seconds").description("Round trip of the last heartbeat on the worker's link to its media host")
                    .tags("worker", worker, "media_host", host).register(registry);
            Gauge.builder("mscluster.media.link.up", fleet, f -> link(f, slot, r -> 1.0))
                    .description("1 while the worker's link to its media host is up")
                    .tags("worker", worker, "media_host", host).register(registry);
            FunctionCounter.builder("mscluster.media.link.sent", fleet, f -> link(f, slot, RemoteWorker::bytesSent))
                    .baseUnit("bytes").description("Channel bytes sent to the media host on the worker's current link")
                    .tags("worker", worker, "media_host", host).register(registry);
            FunctionCounter.builder("mscluster.media.link.received", fleet, f -> link(f, slot, RemoteWorker::bytesReceived))
                    .baseUnit("bytes").description("Channel bytes received from the media host on the worker's current link")
                    .tags("worker", worker, "media_host", host).register(registry);
        }
    }

    private static double link(WorkerFleet fleet, int slot, ToDoubleFunction<RemoteWorker> value) {
        MediaWorker media = fleet.get(slot);
        if (media == null || media.worker().closed()) {
            return 0;
        }
        return media.worker().remote().map(value::applyAsDouble).orElse(0.0);
    }
}
