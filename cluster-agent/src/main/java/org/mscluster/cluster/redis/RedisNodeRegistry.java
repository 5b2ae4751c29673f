package org.mscluster.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.NodeSummary;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomSnapshot;
import org.mscluster.cluster.model.RoomTotals;
import org.mscluster.cluster.registry.NodeRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;

/**
 * The cluster's node registry: one Redis hash per node (identity, state, load, rooms) whose key
 * expiry is the node's lease, so Redis itself forgets a node that stops reporting; no process has
 * to detect the death. A node's report and its lease extension are one script call a second.
 *
 * <p>The room list is most of a report (about 1.3 kB of JSON a room: a node with 1,000 rooms has a
 * megabyte) and only the admin API and the dashboard read it; placement reads the load alone. So it is
 * stored deflated ({@link NodeCodec#packedRooms}, about 40% of the JSON), and a
 * refresh writes the rooms when their shape changed (a room, a peer, a producer, a pipe link or a
 * piped producer came, went or was paused) or when the list written last is {@link #ROOMS_INTERVAL} old: the counters in it
 * (consumers, bitrates, bytes) may be that old, everything else is current. A registration always
 * writes them.
 *
 * <p>Does not own the {@link UnifiedJedis}; whoever opened it closes it.
 */
public final class RedisNodeRegistry implements NodeRegistry {
    private static final Logger log = LoggerFactory.getLogger(RedisNodeRegistry.class);
    private static final LuaScript REGISTER = LuaScript.load("register.lua");
    private static final LuaScript REFRESH = LuaScript.load("refresh.lua");
    private static final LuaScript SET_STATE = LuaScript.load("set_state.lua");
    private static final LuaScript SWEEP = LuaScript.load("sweep.lua");
    private static final LuaScript DEREGISTER = LuaScript.load("deregister.lua");
    private static final LuaScript REPORTS = LuaScript.load("reports.lua");
    private static final LuaScript SUMMARIES = LuaScript.load("summaries.lua");
    private static final LuaScript PLACEMENT_NODES = LuaScript.load("placement_nodes.lua");

    /**
     * Nodes per {@code placement_nodes.lua} call: each call holds the single-threaded server for a
     * fraction of a millisecond, and decisions of other connections run between the calls.
     */
    static final int PLACEMENT_CHUNK = 200;

    /**
     * Stored room lists per {@code reports.lua} call, about: a call holds the server ~1 ms, a thousand
     * nodes of ten rooms are one call, and a node of a thousand rooms (~0.5 MB) has one of its own.
     */
    static final int REPORTS_BYTES_PER_CALL = 1 << 20;
    /** Ids sent per {@code reports.lua} call at most. */
    static final int REPORTS_IDS_PER_CALL = 1_000;

    /** The hash fields placement reads, in this order. */
    private static final String[] FIELDS = {"identity", "state", "load"};

    /** How old the room list of a report may get while the rooms themselves stay the same. */
    public static final Duration ROOMS_INTERVAL = Duration.ofSeconds(10);

    private final UnifiedJedis redis;
    private final KeySpace keys;
    private final Duration expiry;
    private final Clock clock;
    /**
     * Per node read: its identity as last decoded, with the text it came from. A placer reads every
     * node's identity once a second and it hardly ever changes; parsing a thousand of them each time
     * was a good part of the read's CPU and garbage.
     */
    private final Map<String, DecodedIdentity> identities = new ConcurrentHashMap<>();
    /** Per node reported through this registry: the rooms written last, and when. */
    private final Map<String, RoomsWritten> roomsWritten = new ConcurrentHashMap<>();

    private record RoomsWritten(List<RoomShape> rooms, Instant at) {
    }

    /** @param stamp the registration's stamp the JSON came with; null when read without one */
    private record DecodedIdentity(String json, String stamp, String state, NodeIdentity identity) {
    }

    /** What a room list says apart from its counters: when this changes, the list is written at once. */
    private record RoomShape(RoomKey key, int workerIndex, List<PeerShape> peers, List<LinkShape> links) {
        static RoomShape of(RoomSnapshot room) {
            return new RoomShape(room.key(), room.workerIndex(),
                    room.peers().stream().map(p -> new PeerShape(p.id(), p.displayName(), p.joined(), p.producers())).toList(),
                    room.links().stream().map(l -> new LinkShape(l.nodeId(), l.producersIn(), l.producersOut())).toList());
        }
    }

    private record LinkShape(String nodeId, int producersIn, int producersOut) {
    }

    private record PeerShape(String id, String displayName, boolean joined, List<RoomSnapshot.Producer> producers) {
    }

    public RedisNodeRegistry(UnifiedJedis redis, KeySpace keys, Duration expiry) {
        this(redis, keys, expiry, Clock.systemUTC());
    }

    /** @param clock when room lists were written, for {@link #ROOMS_INTERVAL} */
    public RedisNodeRegistry(UnifiedJedis redis, KeySpace keys, Duration expiry, Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
        if (expiry.toMillis() <= 0) {
            throw new IllegalArgumentException("expiry must be at least 1 ms");
        }
        this.expiry = expiry;
    }

    public RedisNodeRegistry(UnifiedJedis redis, KeySpace keys) {
        this(redis, keys, DEFAULT_EXPIRY);
    }

    @Override
    public void register(NodeReport report) {
        NodeIdentity identity = report.identity();
        REGISTER.run(redis, List.of(keys.node(identity.id()), keys.nodes()), List.of(
                keys.prefix(), identity.id(), NodeCodec.identity(identity), identity.state().name(),
                NodeCodec.load(report.load()), NodeCodec.packedRooms(report.rooms()), Long.toString(expiry.toMillis()),
                NodeCodec.brief(report.load()), NodeCodec.totals(RoomTotals.byNamespace(report.rooms()))));
        roomsWritten.put(identity.id(), new RoomsWritten(shape(report), clock.instant()));
    }

    @Override
    public boolean refresh(NodeReport report) {
        String nodeId = report.nodeId();
        List<RoomShape> rooms = shape(report);
        Instant now = clock.instant();
        RoomsWritten last = roomsWritten.get(nodeId);
        boolean writeRooms = last == null || !last.rooms().equals(rooms) || !now.isBefore(last.at().plus(ROOMS_INTERVAL));
        // An empty argument tells the script to leave the rooms as they are (an empty list is "[]").
        Object r = REFRESH.run(redis, List.of(keys.node(nodeId), keys.nodes()), List.of(keys.prefix(), nodeId,
                NodeCodec.load(report.load()), writeRooms ? NodeCodec.packedRooms(report.rooms()) : "", Long.toString(expiry.toMillis()),
                NodeCodec.brief(report.load()), NodeCodec.totals(RoomTotals.byNamespace(report.rooms()))));
        boolean known = Long.valueOf(1).equals(r);
        if (!known) {
            roomsWritten.remove(nodeId); // it registers again, with its rooms
        } else if (writeRooms) {
            roomsWritten.put(nodeId, new RoomsWritten(rooms, now));
        }
        return known;
    }

    private static List<RoomShape> shape(NodeReport report) {
        return report.rooms().stream().map(RoomShape::of).toList();
    }

    /**
     * Every live node's report, about {@link #REPORTS_BYTES_PER_CALL} of room lists per script call, one
     * call after another: at a thousand rooms a node's stored rooms are half a megabyte, and a single call
     * for every node would hold the single-threaded server (and every placement waiting on it) for the
     * whole read.
     */
    @Override
    public List<NodeReport> reports() {
        return RedisCalls.run(redis, this::readReports);
    }

    @Override
    public List<NodeReport> reports(Collection<String> nodeIds) {
        List<String> ids = new ArrayList<>(new TreeSet<>(nodeIds));
        return ids.isEmpty() ? List.of() : RedisCalls.run(redis, () -> readReportsOf(ids));
    }

    private List<NodeReport> readReports() {
        return readReportsOf(new ArrayList<>(new TreeSet<>(redis.smembers(keys.nodes()))));
    }

    /** @param ids sorted */
    private List<NodeReport> readReportsOf(List<String> ids) {
        List<NodeReport> reports = new ArrayList<>(ids.size());
        int from = 0;
        while (from < ids.size()) {
            List<String> args = new ArrayList<>(REPORTS_IDS_PER_CALL + 2);
            args.add(keys.prefix());
            args.add(Integer.toString(REPORTS_BYTES_PER_CALL));
            args.addAll(ids.subList(from, Math.min(ids.size(), from + REPORTS_IDS_PER_CALL)));
            List<?> answer = (List<?>) REPORTS.run(redis, List.of(), args);
            from += Math.max(1, ((Number) answer.get(0)).intValue());
            for (Object row : answer.subList(1, answer.size())) {
                if (row instanceof List<?> f && f.size() == 5) {
                    String id = text(f.get(0));
                    try {
                        reports.add(new NodeReport(NodeCodec.identity(text(f.get(1)), text(f.get(2))),
                                NodeCodec.load(text(f.get(3))), NodeCodec.rooms(text(f.get(4)))));
                    } catch (RuntimeException e) {
                        // One node writing garbage (a newer, incompatible version?) must not hide the others.
                        log.warn("ignoring unreadable report of node {}: {}", id, e.toString());
                    }
                }
            }
        }
        reports.sort(Comparator.comparing(NodeReport::nodeId));
        return reports;
    }

    /**
     * Every live node's summary: its identity, load and room totals (a few hundred bytes a node), about
     * {@link #REPORTS_BYTES_PER_CALL} per script call; a node of an older version, which writes no
     * totals, is read with its rooms and they are added up here.
     */
    @Override
    public List<NodeSummary> summaries() {
        return RedisCalls.run(redis, () -> readSummariesOf(new ArrayList<>(new TreeSet<>(redis.smembers(keys.nodes())))));
    }

    /** @param ids sorted */
    private List<NodeSummary> readSummariesOf(List<String> ids) {
        List<NodeSummary> summaries = new ArrayList<>(ids.size());
        int from = 0;
        while (from < ids.size()) {
            List<String> args = new ArrayList<>(REPORTS_IDS_PER_CALL + 2);
            args.add(keys.prefix());
            args.add(Integer.toString(REPORTS_BYTES_PER_CALL));
            args.addAll(ids.subList(from, Math.min(ids.size(), from + REPORTS_IDS_PER_CALL)));
            List<?> answer = (List<?>) SUMMARIES.run(redis, List.of(), args);
            from += Math.max(1, ((Number) answer.get(0)).intValue());
            for (Object row : answer.subList(1, answer.size())) {
                if (row instanceof List<?> f && f.size() == 6) {
                    String id = text(f.get(0));
                    try {
                        NodeIdentity identity = NodeCodec.identity(text(f.get(1)), text(f.get(2)));
                        NodeLoad load = NodeCodec.load(text(f.get(3)));
                        summaries.add(new NodeSummary(identity, load, "t".equals(text(f.get(4)))
                                ? NodeCodec.totals(text(f.get(5)))
                                : RoomTotals.byNamespace(NodeCodec.rooms(text(f.get(5))))));
                    } catch (RuntimeException e) {
                        log.warn("ignoring unreadable report of node {}: {}", id, e.toString());
                    }
                }
            }
        }
        summaries.sort(Comparator.comparing(NodeSummary::nodeId));
        return summaries;
    }

    private static String text(Object value) {
        return value instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8) : String.valueOf(value);
    }

    @Override
    public boolean setState(String nodeId, NodeState state) {
        Object r = SET_STATE.run(redis, List.of(keys.node(nodeId)), List.of(keys.prefix(), state.name()));
        return Long.valueOf(1).equals(r);
    }

    @Override
    public void deregister(String nodeId) {
        DEREGISTER.run(redis, List.of(keys.node(nodeId)), List.of(keys.prefix()));
        roomsWritten.remove(nodeId);
    }

    @Override
    public long generation() {
        String g = RedisCalls.run(redis, () -> redis.get(keys.generation()));
        return g == null ? 0 : Long.parseLong(g);
    }

    @Override
    public List<NodeSnapshot> liveNodes() {
        return RedisCalls.run(redis, this::readLiveNodes);
    }

    private List<NodeSnapshot> readLiveNodes() {
        Set<String> ids = new TreeSet<>(redis.smembers(keys.nodes()));
        if (ids.isEmpty()) {
            return List.of();
        }
        // HMGET, not HGETALL: placement reads identity and load, never the rooms beside them.
        List<Map.Entry<String, Response<List<String>>>> replies = new ArrayList<>(ids.size());
        try (AbstractPipeline p = redis.pipelined()) {
            for (String id : ids) {
                replies.add(Map.entry(id, p.hmget(keys.node(id), FIELDS)));
            }
            p.sync();
        }
        List<NodeSnapshot> live = new ArrayList<>(ids.size());
        for (var reply : replies) {
            decode(reply.getKey(), reply.getValue().get()).ifPresent(live::add);
        }
        identities.keySet().retainAll(ids); // departed nodes' identities go with them
        return live;
    }

    /**
     * The live nodes in chunks of {@link #PLACEMENT_CHUNK}, one script call each: per node its stamp,
     * state and load brief (a few hundred bytes); the identity only for a node whose stamp (written
     * with the identity by {@code register.lua}, naming its text) is new to this registry, in one more
     * round trip for those alone. A node written by an older
     * version comes whole, as {@link #liveNodes} reads it.
     */
    @Override
    public List<NodeSnapshot> placementNodes() {
        return RedisCalls.run(redis, this::readPlacementNodes);
    }

    private List<NodeSnapshot> readPlacementNodes() {
        Set<String> index = new TreeSet<>(redis.smembers(keys.nodes()));
        List<String> ids = new ArrayList<>(index);
        List<NodeSnapshot> live = new ArrayList<>(ids.size());
        Map<String, PlacementRow> unknown = new LinkedHashMap<>();
        for (int from = 0; from < ids.size(); from += PLACEMENT_CHUNK) {
            List<String> args = new ArrayList<>(PLACEMENT_CHUNK + 1);
            args.add(keys.prefix());
            args.addAll(ids.subList(from, Math.min(ids.size(), from + PLACEMENT_CHUNK)));
            if (PLACEMENT_NODES.run(redis, List.of(), args) instanceof List<?> rows) {
                for (Object row : rows) {
                    if (row instanceof List<?> f && (f.size() == 4 || f.size() == 5)) {
                        PlacementRow r = new PlacementRow(text(f.get(0)), text(f.get(1)), emptyToNull(text(f.get(2))),
                                text(f.get(3)), f.size() == 5 ? text(f.get(4)) : null);
                        DecodedIdentity last = identities.get(r.id());
                        if (r.legacyIdentity() != null) {
                            placementSnapshot(r, null).ifPresent(live::add);
                        } else if (last != null && r.stamp().equals(last.stamp())) {
                            placementSnapshot(r, last).ifPresent(live::add);
                        } else {
                            unknown.put(r.id(), r);
                        }
                    }
                }
            }
        }
        if (!unknown.isEmpty()) {
            readStampedIdentities(unknown.values()).forEach(r -> placementSnapshot(r, null).ifPresent(live::add));
            live.sort(Comparator.comparing(NodeSnapshot::id));
        }
        identities.keySet().retainAll(index); // departed nodes' identities go with them
        return live;
    }

    /**
     * One node of {@code placement_nodes.lua}'s answer: a brief with a stamp, or (an older version's
     * node, or a stamped one whose identity was read separately) the identity JSON beside it.
     */
    private record PlacementRow(String id, String stamp, String state, String load, String legacyIdentity) {
    }

    /** The identity of nodes whose stamp was new, with the stamp stored beside it now; one round trip. */
    private List<PlacementRow> readStampedIdentities(Collection<PlacementRow> rows) {
        List<Response<List<String>>> replies = new ArrayList<>(rows.size());
        try (AbstractPipeline p = redis.pipelined()) {
            for (PlacementRow r : rows) {
                replies.add(p.hmget(keys.node(r.id()), "identity", "stamp"));
            }
            p.sync();
        }
        List<PlacementRow> out = new ArrayList<>(rows.size());
        int i = 0;
        for (PlacementRow r : rows) {
            List<String> f = replies.get(i++).get();
            if (f.get(0) != null) { // else the lease ran out meanwhile: not live
                // A registration in between (another stamp) made a new generation: the view read with
                // these rows is stale at its first claim, and read again.
                out.add(new PlacementRow(r.id(), f.get(1) == null ? "" : f.get(1), r.state(), r.load(), f.get(0)));
            }
        }
        return out;
    }

    /**
     * The identity decoded last time for the row's stamp, with the row's state (a state change
     * rewrites no identity, so it needs no read of it).
     */
    private NodeIdentity stamped(PlacementRow r, DecodedIdentity last) {
        if (Objects.equals(last.state(), r.state())) {
            return last.identity();
        }
        NodeIdentity identity = last.identity().withState(r.state() == null ? NodeState.UP : NodeState.valueOf(r.state()));
        identities.put(r.id(), new DecodedIdentity(last.json(), r.stamp(), r.state(), identity));
        return identity;
    }

    /**
     * A row whose identity is in it (an older version's node, or one read by its stamp), or known by
     * its stamp ({@code last}; else null).
     */
    private Optional<NodeSnapshot> placementSnapshot(PlacementRow r, DecodedIdentity last) {
        try {
            NodeIdentity identity = last != null ? stamped(r, last)
                    : identity(r.id(), r.legacyIdentity(), r.state(), r.stamp().isEmpty() ? null : r.stamp());
            NodeLoad load = r.load().startsWith("{") ? NodeCodec.load(r.load()).forPlacement() : NodeCodec.brief(r.load());
            return Optional.of(new NodeSnapshot(identity, load));
        } catch (RuntimeException e) {
            log.warn("ignoring unreadable registry entry for node {}: {}", r.id(), e.toString());
            return Optional.empty();
        }
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }

    @Override
    public Optional<NodeSnapshot> find(String nodeId) {
        return decode(nodeId, RedisCalls.run(redis, () -> redis.hmget(keys.node(nodeId), FIELDS)));
    }

    @Override
    public boolean isLive(String nodeId) {
        return RedisCalls.run(redis, () -> redis.exists(keys.node(nodeId)));
    }

    @Override
    public Set<String> sweepDeparted() {
        Set<String> departed = new HashSet<>();
        for (String id : RedisCalls.run(redis, () -> redis.smembers(keys.nodes()))) {
            Object r = SWEEP.run(redis, List.of(keys.nodes(), keys.node(id)), List.of(keys.prefix(), id));
            if (Long.valueOf(1).equals(r)) {
                departed.add(id);
            }
        }
        return departed;
    }

    /** {@code json} and {@code state} decoded, or the identity decoded from the same text last time. */
    private NodeIdentity identity(String id, String json, String state) {
        return identity(id, json, state, null);
    }

    /**
     * As {@link #identity(String, String, String)}, remembering the registration's {@code stamp} with
     * the text; null keeps the stamp remembered for the same text (a read without stamps).
     */
    private NodeIdentity identity(String id, String json, String state, String stamp) {
        DecodedIdentity last = identities.get(id);
        if (last != null && last.json().equals(json) && Objects.equals(last.state(), state)) {
            if (stamp != null && !stamp.equals(last.stamp())) {
                identities.put(id, new DecodedIdentity(json, stamp, state, last.identity()));
            }
            return last.identity();
        }
        NodeIdentity identity = NodeCodec.identity(json, state);
        identities.put(id, new DecodedIdentity(json, stamp, state, identity));
        return identity;
    }

    @Override
    public Duration expiry() {
        return expiry;
    }

    /** An empty or half-written hash means the lease ran out between reads: not live. */
    private Optional<NodeSnapshot> decode(String id, List<String> fields) {
        String identity = fields.get(0);
        String load = fields.get(2);
        if (identity == null || load == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(new NodeSnapshot(identity(id, identity, fields.get(1)), NodeCodec.load(load)));
        } catch (RuntimeException e) {
            // One node writing garbage (a newer, incompatible version?) must not stop placement.
            log.warn("ignoring unreadable registry entry for node {}: {}", id, e.toString());
            return Optional.empty();
        }
    }
}
