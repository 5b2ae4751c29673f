package org.mscluster.signaling.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.mscluster.signaling.protoo.Refusals;

/**
 * {@code mscluster_refusals_total{reason}}: what a node or a dispatcher refused to its clients, one series
 * per reason from the start (a dispatcher's room and peer reasons stay at 0).
 */
public final class RefusalMeters {

    private RefusalMeters() {
    }

    public static void bind(MeterRegistry registry, Refusals refusals) {
        for (Refusals.Reason reason : Refusals.Reason.values()) {
            FunctionCounter.builder("mscluster.refusals", refusals, r -> r.total(reason))
                    .description("Connections, requests, messages and resources refused to clients, by reason")
                    .tag("reason", reason.label()).register(registry);
        }
    }
}
