package org.mscluster.signaling.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.mscluster.signaling.egress.EgressListener;
import org.mscluster.signaling.egress.EgressManager;
import org.mscluster.signaling.egress.EgressSession;
import org.mscluster.signaling.egress.EgressStatus;

/**
 * {@code mscluster_egress_*}: egresses running now (by type), started and ended (by type and final
 * status), ffmpeg restarts, and segments started.
 */
public final class EgressMeters implements EgressListener {

    private final MeterRegistry registry;

    private EgressMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    public static void bind(MeterRegistry registry, EgressManager egress) {
        for (String type : new String[] {"rtmp", "record"}) {
            Gauge.builder("mscluster.egress.active", egress, e -> e.running().stream()
                            .filter(s -> s.request().type().equals(type) && s.status() == EgressStatus.ACTIVE).count())
                    .tag("type", type).description("Egresses whose output is open now").register(registry);
            Gauge.builder("mscluster.egress.running", egress, e -> e.running().stream()
                            .filter(s -> s.request().type().equals(type)).count())
                    .tag("type", type).description("Egresses not finished yet (starting, active or ending)").register(registry);
        }
        Gauge.builder("mscluster.egress.ffmpeg.processes", egress, e -> e.running().stream()
                .mapToLong(s -> s.ffmpegPids().size()).sum()).description("ffmpeg processes of egress running now")
                .register(registry);
        egress.addListener(new EgressMeters(registry));
    }

    @Override
    public void started(EgressSession egress) {
        Counter.builder("mscluster.egress.started").tag("type", egress.request().type())
                .description("Egresses whose output opened").register(registry).increment();
    }

    @Override
    public void updated(EgressSession egress, String why) {
        Counter.builder("mscluster.egress.segments").tag("type", egress.request().type())
                .description("New egress segments after the first (ffmpeg restarted, or the composite changed)")
                .register(registry).increment();
    }

    @Override
    public void ended(EgressSession egress) {
        Counter.builder("mscluster.egress.ended").tag("type", egress.request().type()).tag("status", egress.status().value())
                .description("Egresses that ended, by final status").register(registry).increment();
        if (egress.restarts() > 0) {
            Counter.builder("mscluster.egress.ffmpeg.restarts").tag("type", egress.request().type())
                    .description("Dead ffmpeg processes restarted by egress").register(registry).increment(egress.restarts());
        }
    }
}
