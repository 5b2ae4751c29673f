package org.mscluster.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomSnapshot;
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
 * <p>The room list is most of a report (about 1.3 kB a room: a node with 1,000 rooms writes a
 * megabyte) and only the admin API and the dashboard read it; placement reads the load alone. So a
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

    private record DecodedIdentity(String json, String state, NodeIdentity identity) {
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
                NodeCodec.load(report.load()), NodeCodec.rooms(report.rooms()), Long.toString(expiry.toMillis())));
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
                NodeCodec.load(report.load()), writeRooms ? NodeCodec.rooms(report.rooms()) : "", Long.toString(expiry.toMillis())));
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

    @Override
    public List<NodeReport> reports() {
        Object answer = REPORTS.run(redis, List.of(keys.nodes()), List.of(keys.prefix()));
        List<NodeReport> reports = new ArrayList<>();
        if (answer instanceof List<?> rows) {
            for (Object row : rows) {
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
        DecodedIdentity last = identities.get(id);
        if (last != null && last.json().equals(json) && Objects.equals(last.state(), state)) {
            return last.identity();
        }
        NodeIdentity identity = NodeCodec.identity(json, state);
        identities.put(id, new DecodedIdentity(json, state, identity));
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
