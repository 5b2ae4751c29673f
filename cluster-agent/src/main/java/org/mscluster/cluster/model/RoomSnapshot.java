package org.mscluster.cluster.model;

import java.time.Instant;
import java.util.List;

/**
 * A room as operators see it at one moment: its worker, its peers with their media and bitrates.
 * Part of a node's {@link NodeReport}; the signaling server's room takes it. Ids and figures only:
 * the cluster knows no routers or sockets.
 */
public record RoomSnapshot(RoomKey key, int workerIndex, Instant createdAt, List<Peer> peers, List<Link> links,
        List<Egress> egresses) {

    public RoomSnapshot {
        peers = List.copyOf(peers);
        links = links == null ? List.of() : List.copyOf(links); // reports of nodes without cascade have none
        egresses = egresses == null ? List.of() : List.copyOf(egresses); // nor do reports of older nodes
    }

    /** A room without egress. */
    public RoomSnapshot(RoomKey key, int workerIndex, Instant createdAt, List<Peer> peers, List<Link> links) {
        this(key, workerIndex, createdAt, peers, links, List.of());
    }

    /** The same room with its egresses now. */
    public RoomSnapshot withEgresses(List<Egress> now) {
        return new RoomSnapshot(key, workerIndex, createdAt, peers, links, now);
    }

    /**
     * An egress of the room (a forward to an RTMP server, or a recording) not finished yet.
     *
     * @param type {@code rtmp} or {@code record}
     * @param status {@code starting}, {@code active} or {@code ending}
     * @param target the RTMP URL's host and app (never the stream key), or the recording's format and storage
     * @param restarts how many times its ffmpeg was restarted
     */
    public record Egress(String id, String type, String status, String target, Instant startedAt, int restarts) {
    }

    /** A room whole on its node: no links to other legs. */
    public RoomSnapshot(RoomKey key, int workerIndex, Instant createdAt, List<Peer> peers) {
        this(key, workerIndex, createdAt, peers, List.of());
    }

    public int producers() {
        return peers.stream().mapToInt(p -> p.producers().size()).sum();
    }

    public int consumers() {
        return peers.stream().mapToInt(Peer::consumers).sum();
    }

    /** Bits per second the room's peers send to the node. */
    public long bitrateIn() {
        return peers.stream().mapToLong(Peer::bitrateIn).sum();
    }

    /** Bits per second the node sends to the room's peers. */
    public long bitrateOut() {
        return peers.stream().mapToLong(Peer::bitrateOut).sum();
    }

    /**
     * One peer.
     *
     * @param joined whether its {@code join} was accepted (a connected peer sets up transports first)
     * @param joinedAt when it joined, or when it connected if it has not joined
     * @param consumers how many consumers it has (one per remote producer it receives, usually)
     * @param bitrateIn bits per second the peer sends (sum over its transports)
     * @param bitrateOut bits per second the peer receives
     * @param transports the transports' byte counters, for rates over time
     */
    public record Peer(String id, String displayName, String region, String isp, boolean joined, Instant joinedAt,
            List<Producer> producers, int consumers, long bitrateIn, long bitrateOut, List<TransportBytes> transports) {
        public Peer {
            producers = List.copyOf(producers);
            transports = List.copyOf(transports);
        }
    }

    /** A producer of a peer; {@code kind} is {@code audio} or {@code video}. */
    public record Producer(String id, String kind, boolean paused) {
    }

    /**
     * This leg's link to the room's leg on another node (cascade): the pipe between their routers.
     *
     * @param producersIn the other leg's producers piped here (consumed by peers of this leg)
     * @param producersOut this leg's producers piped there
     * @param bitrateIn bits per second arriving through the pipe
     * @param bitrateOut bits per second leaving through it
     */
    public record Link(String nodeId, int producersIn, int producersOut, long bitrateIn, long bitrateOut) {
    }

    /** Bytes a transport received and sent since it was created (from the worker's stats). */
    public record TransportBytes(String transportId, long received, long sent) {
    }
}
