package org.mscluster.cluster.model;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a node publishes once a second, in one write: who it is, its load, and its rooms with their
 * peers. Placement reads the {@link #snapshot()} part; the admin API, the dashboard and
 * {@code mscluster status} read all of it.
 */
public record NodeReport(NodeIdentity identity, NodeLoad load, List<RoomSnapshot> rooms) {

    public NodeReport {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(load, "load");
        rooms = List.copyOf(rooms);
    }

    /** A node's report before its first sample. */
    public static NodeReport idle(NodeIdentity identity, int workerCount, Instant at) {
        return new NodeReport(identity, NodeLoad.idle(workerCount, at), List.of());
    }

    public String nodeId() {
        return identity.id();
    }

    public Instant at() {
        return load.reportedAt();
    }

    /** The machine's figures. */
    public HostLoad host() {
        return load.host();
    }

    /** The workers' figures, ordered by index. */
    public List<WorkerLoad> workers() {
        return load.workers();
    }

    public int peers() {
        return load.peers();
    }

    public int producers() {
        return load.producers();
    }

    public int consumers() {
        return load.consumers();
    }

    public long bitrateIn() {
        return load.bitrateIn();
    }

    public long bitrateOut() {
        return load.bitrateOut();
    }

    /** Identity and load: what placement needs. */
    public NodeSnapshot snapshot() {
        return new NodeSnapshot(identity, load);
    }

    /** Identity, load and the rooms added up: what summaries read. */
    public NodeSummary summary() {
        return NodeSummary.of(this);
    }

    public NodeReport withIdentity(NodeIdentity replacement) {
        return new NodeReport(replacement, load, rooms);
    }
}
