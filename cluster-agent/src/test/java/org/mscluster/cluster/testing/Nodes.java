package org.mscluster.cluster.testing;

import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.mscluster.cluster.model.HostLoad;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.WorkerLoad;

/** Terse node fixtures. */
public final class Nodes {
    public static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    private Nodes() {}

    public static NodeIdentity identity(String id, String region, String isp) {
        return NodeIdentity.builder(id).region(region).isp(isp).signalingUrl("ws://" + id + ".example:4443/").build();
    }

    /** A report of node {@code id} with {@code load} and no rooms: what a refresh of that node writes. */
    public static NodeReport report(String id, NodeLoad load) {
        return new NodeReport(NodeIdentity.builder(id).build(), load, List.of());
    }

    /** A report of {@code identity} with {@code load} and no rooms. */
    public static NodeReport report(NodeIdentity identity, NodeLoad load) {
        return new NodeReport(identity, load, List.of());
    }

    public static NodeLoad idle(int workers) {
        return NodeLoad.idle(workers, T0);
    }

    public static NodeLoad cpu(double cpu, int workers) {
        return new NodeLoad(HostLoad.of(cpu, 0.2, 0, 0, 0.1), IntStream.range(0, workers).mapToObj(WorkerLoad::idle).toList(), T0);
    }

    public static NodeLoad withWorkers(double cpu, List<WorkerLoad> workers) {
        return new NodeLoad(HostLoad.of(cpu, 0.2, 0, 0, 0.1), workers, T0);
    }
}
