package org.mscluster.signaling.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import org.mscluster.signaling.protoo.Refusals;

/** {@code mscluster_refusals_total{reason}}: what the node refused to its peers, one series per reason from the start. */
public final class RefusalMeters {

    private RefusalMeters() {
    }

    public static void bind(MeterRegistry registry, Refusals refusals) {
        for (Refusals.Reason reason : Refusals.Reason.values()) {
            FunctionCounter.builder("mscluster.refusals", refusals, r -> r.total(reason))
                    .description("Requests, messages and resources refused to peers, by reason")
                    .tag("reason", reason.label()).register(registry);
        }
    }
}
