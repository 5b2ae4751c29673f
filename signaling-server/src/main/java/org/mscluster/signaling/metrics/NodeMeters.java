package org.mscluster.signaling.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomSnapshot;
import org.mscluster.cluster.model.WorkerLoad;
import org.mscluster.mediasoup.Mediasoup;
import org.mscluster.signaling.room.RoomListener;
import org.mscluster.signaling.room.RoomRegistry;

/**
 * A media node's {@code mscluster_*} metrics, following Prometheus' conventions: base units (bytes,
 * ratios 0..1), {@code _total} counters, one series per worker ({@code worker="0"}), and per room
 * ({@code namespace}, {@code room}) only when {@code perRoom} is on, since rooms are unbounded.
 *
 * <p>Gauges read the sampler's latest {@link NodeReport} (rooms and peers: the live registry), so a
 * scrape costs no worker round trip. Media bytes are counters: each report adds what every transport
 * received and sent since the previous one (a transport's bytes between its last report and its
 * close are not counted), so {@code rate(mscluster_media_received_bytes_total[1m]) * 8} is the
 * incoming bitrate in bits per second.
 */
public final class NodeMeters implements Consumer<NodeReport>, RoomListener {

    private final MeterRegistry registry;
    private final Supplier<NodeReport> latest;
    private final boolean perRoom;
    private final Map<String, long[]> transportBytes = new HashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong sent = new AtomicLong();
    private final Map<Integer, AtomicLong[]> workerBytes = new ConcurrentHashMap<>();
    private final Map<RoomKey, RoomMeters> roomMeters = new HashMap<>();
    private final Counter roomsStarted;
    private final Counter peersJoined;
    private final Counter producersCreated;
    private final MultiGauge roomPeers;
    private final MultiGauge roomProducers;
    private final MultiGauge roomConsumers;

    /**
     * @param workers the node's worker count (one series each)
     * @param residentWorkers whether workers run as their own processes (only then is their memory their own)
     */
    public NodeMeters(MeterRegistry registry, Supplier<NodeReport> latest, RoomRegistry rooms, int workers,
            boolean residentWorkers, boolean perRoom) {
        this.registry = registry;
        this.latest = latest;
        this.perRoom = perRoom;
        NodeIdentity identity = latest.get().identity();
        Gauge.builder("mscluster.node.info", () -> 1)
                .description("The node's identity, always 1")
                .tags("name", identity.name(), "region", identity.region().toString(), "isp", identity.isp(),
                        "mediasoup_version", Mediasoup.version())
                .register(registry);
        for (NodeState state : NodeState.values()) {
            Gauge.builder("mscluster.node.state", () -> latest.get().identity().state() == state ? 1 : 0)
                    .description("1 for the node's current state (up: takes new rooms; draining: keeps its rooms, takes none)")
                    .tag("state", state.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry);
        }
        host("mscluster.node.cpu.usage.ratio", "Whole-machine CPU utilisation, 0..1", r -> r.host().cpu());
        host("mscluster.node.memory.usage.ratio", "Share of the machine's memory in use, 0..1", r -> r.host().memory());
        host("mscluster.node.memory.used.bytes", "Memory in use on the machine (total minus available)", r -> r.host().memoryUsedBytes());
        host("mscluster.node.memory.total.bytes", "The machine's memory", r -> r.host().memoryTotalBytes());
        host("mscluster.node.disk.usage.ratio", "Share of the recording volume in use, 0..1", r -> r.host().disk());
        host("mscluster.node.disk.used.bytes", "Bytes in use on the recording volume", r -> r.host().diskUsedBytes());
        FunctionCounter.builder("mscluster.node.network.received", latest, s -> s.get().host().networkReceivedBytes())
                .baseUnit("bytes").description("Bytes received on the machine's non-loopback interfaces since boot")
                .register(registry);
        FunctionCounter.builder("mscluster.node.network.sent", latest, s -> s.get().host().networkSentBytes())
                .baseUnit("bytes").description("Bytes sent on the machine's non-loopback interfaces since boot")
                .register(registry);

        Gauge.builder("mscluster.workers", () -> latest.get().workers().stream().filter(WorkerLoad::alive).count())
                .description("Live mediasoup workers").register(registry);
        Gauge.builder("mscluster.rooms", rooms, r -> r.rooms().size()).description("Open rooms").register(registry);
        Gauge.builder("mscluster.peers", rooms, RoomRegistry::peerCount).description("Connected peers").register(registry);
        host("mscluster.producers", "Producers (media tracks sent by peers)", NodeReport::producers);
        host("mscluster.consumers", "Consumers (media tracks sent to peers)", NodeReport::consumers);
        FunctionCounter.builder("mscluster.media.received", received, AtomicLong::get).baseUnit("bytes")
                .description("Bytes the node's WebRTC transports received from peers").register(registry);
        FunctionCounter.builder("mscluster.media.sent", sent, AtomicLong::get).baseUnit("bytes")
                .description("Bytes the node's WebRTC transports sent to peers").register(registry);
        // Rooms across nodes (cascade): this node's legs' pipes to the rooms' legs on other nodes.
        host("mscluster.pipe.links", "Pipes of this node's room legs to legs on other nodes (one per room and other node)",
                r -> r.rooms().stream().mapToInt(room -> room.links().size()).sum());
        pipe("mscluster.pipe.producers", "Producers piped to this node's legs (in) and from them (out), over every link",
                "in", RoomSnapshot.Link::producersIn);
        pipe("mscluster.pipe.producers", "Producers piped to this node's legs (in) and from them (out), over every link",
                "out", RoomSnapshot.Link::producersOut);
        // A rate in bytes (Prometheus' base unit; promtool refuses bits): the legs' snapshots carry the pipes' bitrates.
        pipe("mscluster.pipe.bytes.per.second", "Bytes per second through the pipes of this node's legs, each way (bitrate / 8)",
                "in", link -> link.bitrateIn() / 8.0);
        pipe("mscluster.pipe.bytes.per.second", "Bytes per second through the pipes of this node's legs, each way (bitrate / 8)",
                "out", link -> link.bitrateOut() / 8.0);
        roomsStarted = Counter.builder("mscluster.rooms.started").description("Rooms opened on this node").register(registry);
        peersJoined = Counter.builder("mscluster.peers.joined").description("Peers that joined a room on this node")
                .register(registry);
        // Not "…_created": Prometheus reserves that suffix (a counter's creation time).
        producersCreated = Counter.builder("mscluster.producers.added").description("Producers created on this node")
                .register(registry);

        for (int i = 0; i < workers; i++) {
            bindWorker(i, residentWorkers);
        }
        roomPeers = MultiGauge.builder("mscluster.room.peers").description("Peers of a room (only with per-room metrics on)")
                .register(registry);
        roomProducers = MultiGauge.builder("mscluster.room.producers").description("Producers of a room (only with per-room metrics on)")
                .register(registry);
        roomConsumers = MultiGauge.builder("mscluster.room.consumers").description("Consumers of a room (only with per-room metrics on)")
                .register(registry);
    }

    private void pipe(String name, String description, String direction, ToDoubleFunction<RoomSnapshot.Link> value) {
        Gauge.builder(name, latest, s -> s.get().rooms().stream().flatMap(room -> room.links().stream()).mapToDouble(value).sum())
                .description(description).tag("direction", direction).register(registry);
    }

    private void host(String name, String description, ToDoubleFunction<NodeReport> value) {
        Gauge.builder(name, latest, s -> value.applyAsDouble(s.get())).description(description).register(registry);
    }

    private void bindWorker(int index, boolean resident) {
        Tags tags = Tags.of("worker", Integer.toString(index));
        AtomicLong[] bytes = {new AtomicLong(), new AtomicLong()};
        workerBytes.put(index, bytes);
        worker("mscluster.worker.up", "1 while the worker runs", index, tags, w -> w.alive() ? 1 : 0);
        worker("mscluster.worker.cpu.usage.ratio", "The worker's share of one CPU core, 0..1", index, tags, WorkerLoad::cpu);
        if (resident) {
            worker("mscluster.worker.memory.resident.bytes", "Resident memory of the worker process", index, tags,
                    w -> Math.max(0, w.memoryBytes()));
        }
        worker("mscluster.worker.rooms", "Rooms on the worker", index, tags, WorkerLoad::rooms);
        worker("mscluster.worker.peers", "Peers in the worker's rooms", index, tags, WorkerLoad::peers);
        worker("mscluster.worker.producers", "Producers on the worker", index, tags, WorkerLoad::producers);
        worker("mscluster.worker.consumers", "Consumers on the worker", index, tags, WorkerLoad::consumers);
        FunctionCounter.builder("mscluster.worker.media.received", bytes[0], AtomicLong::get).baseUnit("bytes").tags(tags)
                .description("Bytes the worker's WebRTC transports received").register(registry);
        FunctionCounter.builder("mscluster.worker.media.sent", bytes[1], AtomicLong::get).baseUnit("bytes").tags(tags)
                .description("Bytes the worker's WebRTC transports sent").register(registry);
        FunctionCounter.builder("mscluster.worker.restarts", latest, s -> worker(s.get(), index).map(WorkerLoad::restarts)
                        .orElse(0L)).tags(tags)
                .description("Times the worker at this index was replaced by a new process or thread").register(registry);
    }

    private void worker(String name, String description, int index, Tags tags, ToDoubleFunction<WorkerLoad> value) {
        Gauge.builder(name, latest, s -> worker(s.get(), index).map(value::applyAsDouble).orElse(0.0)).tags(tags)
                .description(description).register(registry);
    }

    private static java.util.Optional<WorkerLoad> worker(NodeReport report, int index) {
        return report.workers().stream().filter(w -> w.index() == index).findFirst();
    }

    /** Adds a report's media bytes to the counters; per-room series follow the report's rooms. Called by the sampler. */
    @Override
    public synchronized void accept(NodeReport report) {
        Map<String, long[]> seen = new HashMap<>();
        for (RoomSnapshot room : report.rooms()) {
            long roomIn = 0;
            long roomOut = 0;
            for (RoomSnapshot.Peer peer : room.peers()) {
                for (RoomSnapshot.TransportBytes transport : peer.transports()) {
                    long[] before = transportBytes.getOrDefault(transport.transportId(), new long[2]);
                    long in = Math.max(0, transport.received() - before[0]);
                    long out = Math.max(0, transport.sent() - before[1]);
                    seen.put(transport.transportId(), new long[] {Math.max(before[0], transport.received()),
                            Math.max(before[1], transport.sent())});
                    roomIn += in;
                    roomOut += out;
                }
            }
            received.addAndGet(roomIn);
            sent.addAndGet(roomOut);
            AtomicLong[] worker = workerBytes.get(room.workerIndex());
            if (worker != null) {
                worker[0].addAndGet(roomIn);
                worker[1].addAndGet(roomOut);
            }
            if (perRoom) {
                roomMeters.computeIfAbsent(room.key(), this::bindRoom).add(roomIn, roomOut);
            }
        }
        transportBytes.clear();
        transportBytes.putAll(seen);
        if (perRoom) {
            updateRoomGauges(report);
        }
    }

    private void updateRoomGauges(NodeReport report) {
        List<MultiGauge.Row<?>> peers = new ArrayList<>();
        List<MultiGauge.Row<?>> producers = new ArrayList<>();
        List<MultiGauge.Row<?>> consumers = new ArrayList<>();
        java.util.Set<RoomKey> open = new java.util.HashSet<>();
        for (RoomSnapshot room : report.rooms()) {
            Tags tags = roomTags(room.key());
            open.add(room.key());
            peers.add(MultiGauge.Row.of(tags, room.peers().size()));
            producers.add(MultiGauge.Row.of(tags, room.producers()));
            consumers.add(MultiGauge.Row.of(tags, room.consumers()));
        }
        roomPeers.register(peers, true);
        roomProducers.register(producers, true);
        roomConsumers.register(consumers, true);
        roomMeters.entrySet().removeIf(entry -> {
            if (open.contains(entry.getKey())) {
                return false;
            }
            entry.getValue().remove();
            return true;
        });
    }

    private static Tags roomTags(RoomKey key) {
        return Tags.of("namespace", key.namespace(), "room", key.roomId());
    }

    private RoomMeters bindRoom(RoomKey key) {
        return new RoomMeters(key);
    }

    /** A room's byte counters, removed from the registry when the room closes. */
    private final class RoomMeters {
        final AtomicLong in = new AtomicLong();
        final AtomicLong out = new AtomicLong();
        final List<Meter> meters;

        RoomMeters(RoomKey key) {
            Tags tags = roomTags(key);
            meters = List.of(
                    FunctionCounter.builder("mscluster.room.media.received", in, AtomicLong::get).baseUnit("bytes").tags(tags)
                            .description("Bytes the room's transports received (only with per-room metrics on)").register(registry),
                    FunctionCounter.builder("mscluster.room.media.sent", out, AtomicLong::get).baseUnit("bytes").tags(tags)
                            .description("Bytes the room's transports sent (only with per-room metrics on)").register(registry));
        }

        void add(long received, long sent) {
            in.addAndGet(received);
            out.addAndGet(sent);
        }

        void remove() {
            meters.forEach(registry::remove);
        }
    }

    @Override
    public void roomStarted(RoomKey room, int workerIndex) {
        roomsStarted.increment();
    }

    @Override
    public void peerJoined(RoomKey room, PeerInfo peer) {
        peersJoined.increment();
    }

    @Override
    public void producerCreated(RoomKey room, String peerId, String producerId, String kind) {
        producersCreated.increment();
    }

    /** Buckets from a local round trip to a slow browser: the join path's requests fall between them. */
    private static final Duration[] REQUEST_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5)};

    @Override
    public void requestServed(String method, long nanos, boolean ok) {
        record("mscluster.protoo.request.duration",
                "Client requests from arrival in the room to the response, by PROTOCOL.md method", "method", method, ok, nanos);
    }

    @Override
    public void consumerReady(String kind, long nanos, boolean ok) {
        record("mscluster.consumer.ready.duration",
                "From offering a consumer (newConsumer) to its resume after the client answered", "kind", kind, ok, nanos);
    }

    private void record(String name, String description, String tag, String value, boolean ok, long nanos) {
        Timer.builder(name).description(description)
                .tags(tag, value, "outcome", ok ? "ok" : "error")
                .serviceLevelObjectives(REQUEST_BUCKETS)
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }
}
