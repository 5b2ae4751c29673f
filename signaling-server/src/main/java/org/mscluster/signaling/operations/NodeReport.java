package org.mscluster.signaling.operations;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.WorkerLoad;
import org.mscluster.signaling.room.RoomSnapshot;

/**
 * Everything operators see of one node at one moment: who it is, its host's load, its workers and
 * its rooms with their peers. What the admin API, the dashboard and the metrics are made of; a node
 * samples its own once a second, a dispatcher gathers the nodes' ones.
 */
public record NodeReport(NodeIdentity identity, HostLoad host, List<WorkerReport> workers, List<RoomSnapshot> rooms,
        Instant at) {

    public NodeReport {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(host, "host");
        workers = List.copyOf(workers);
        rooms = List.copyOf(rooms);
        Objects.requireNonNull(at, "at");
    }

    public String nodeId() {
        return identity.id();
    }

    public int peers() {
        return rooms.stream().mapToInt(r -> r.peers().size()).sum();
    }

    public int producers() {
        return rooms.stream().mapToInt(RoomSnapshot::producers).sum();
    }

    public int consumers() {
        return rooms.stream().mapToInt(RoomSnapshot::consumers).sum();
    }

    public long bitrateIn() {
        return rooms.stream().mapToLong(RoomSnapshot::bitrateIn).sum();
    }

    public long bitrateOut() {
        return rooms.stream().mapToLong(RoomSnapshot::bitrateOut).sum();
    }

    /** The same figures as the cluster's load report. */
    public NodeLoad toNodeLoad() {
        return new NodeLoad(host.cpu(), host.memory(), host.networkInBytesPerSecond(), host.networkOutBytesPerSecond(),
                host.disk(), workers.stream().map(w -> new WorkerLoad(w.index(), w.rooms(), w.peers(), w.producers(),
                        w.consumers(), w.cpu())).toList(), at);
    }
}
