package org.mscluster.signaling.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmInfoMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;

/**
 * The Prometheus registry of a node or a dispatcher, and its {@code GET /metrics} route: the JVM's
 * standard metrics ({@code jvm_*}, {@code process_*}, {@code system_*}, named as every JVM dashboard
 * expects them) next to our {@code mscluster_*} ones, every series tagged with the server's identity.
 */
public final class PrometheusMetrics implements AutoCloseable {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();

    /** @param tags put on every series, e.g. {@code node="node-1"}: a dashboard over many servers groups by them */
    public PrometheusMetrics(List<Tag> tags) {
        registry.config().commonTags(tags);
        // Two of Micrometer's standard names break Prometheus' naming rules (promtool check metrics):
        // process_cpu_time_ns_total (not base units; process_cpu_usage says the same) and system_cpu_count.
        registry.config().meterFilter(MeterFilter.denyNameStartsWith("process.cpu.time"));
        registry.config().meterFilter(new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                return id.getName().equals("system.cpu.count") ? id.withName("system.cpus") : id;
            }
        });
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new JvmInfoMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        gc.bindTo(registry);
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    public MetricsRoute route() {
        return new MetricsRoute(registry);
    }

    /** Stops listening to GC notifications and closes the registry. */
    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
