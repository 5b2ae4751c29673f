package org.mscluster.cli;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.mscluster.channel.remote.LinkStatus;
import org.mscluster.channel.remote.MediaHost;
import org.mscluster.cluster.load.HostLoadSource;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.WorkerLoad;

/**
 * A media host's report to the cluster: the machine's load, and one worker per slot (free slots idle,
 * with pid 0), each busy one with its CPU share since the previous report. Nodes say which of them use
 * it, through the media host id on their own workers. Not thread-safe: the agent's schedule calls it.
 */
final class MediaHostReports {

    private final MediaHost host;
    private final NodeIdentity identity;
    private final HostLoadSource hostLoad;
    private final Clock clock;
    private final Map<Long, long[]> lastCpu = new HashMap<>();

    MediaHostReports(MediaHost host, NodeIdentity identity, HostLoadSource hostLoad, Clock clock) {
        this.host = host;
        this.identity = identity;
        this.hostLoad = hostLoad;
        this.clock = clock;
    }

    synchronized NodeReport sample() {
        long now = System.nanoTime();
        Map<Integer, LinkStatus> busy = new HashMap<>();
        for (LinkStatus link : host.links()) {
            busy.put(link.slot(), link);
        }
        List<WorkerLoad> workers = new ArrayList<>();
        Map<Long, long[]> seen = new HashMap<>();
        for (int slot = 0; slot < host.settings().workers(); slot++) {
            LinkStatus link = busy.get(slot);
            if (link == null) {
                workers.add(WorkerLoad.idle(slot));
                continue;
            }
            double cpu = 0;
            long[] previous = lastCpu.get(link.pid());
            if (previous != null && link.cpuNanos() >= 0 && now > previous[1]) {
                cpu = (double) (link.cpuNanos() - previous[0]) / (now - previous[1]);
            }
            seen.put(link.pid(), new long[] {link.cpuNanos(), now});
            workers.add(new WorkerLoad(slot, link.pid(), true, cpu, link.residentBytes(), 0, 0, 0, 0, 0, 0, 0, identity.id()));
        }
        lastCpu.clear();
        lastCpu.putAll(seen);
        return new NodeReport(identity, new NodeLoad(hostLoad.sample(), workers, clock.instant()), List.of());
    }
}
