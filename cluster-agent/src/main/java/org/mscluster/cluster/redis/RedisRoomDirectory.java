package org.mscluster.cluster.redis;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.mscluster.cluster.ClusterStoreException;
import org.mscluster.cluster.directory.ClaimResult;
import org.mscluster.cluster.directory.LegRequest;
import org.mscluster.cluster.directory.LegResult;
import org.mscluster.cluster.directory.PlaceRequest;
import org.mscluster.cluster.directory.PlaceResult;
import org.mscluster.cluster.directory.RoomDirectory;
import org.mscluster.cluster.model.RoomCounts;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomLeg;
import org.mscluster.cluster.model.RoomPlacement;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * The cluster's room directory. Every write is a Lua script, and Redis runs scripts one at a
 * time, so "is the room free, is its owner live, write it" happens as one step however many
 * dispatchers and nodes claim at once: there is no window in which two of them both see the
 * room free.
 *
 * <p>A room's legs (cascade) follow the same rule: every script that meets a room first settles
 * its legs ({@code settle} in {@code common.lua}: drop the legs of departed nodes, promote a live
 * leg when the entry's node is gone), so that opening a leg, joining one and claiming the room are
 * each one atomic step and never leave two legs on a node. Rooms without legs cost no extra
 * command.
 *
 * <p>Does not own the {@link UnifiedJedis}; whoever opened it closes it.
 */
public final class RedisRoomDirectory implements RoomDirectory {
    /** Rooms per reassert script call: bounds how long one call holds the Redis server. */
    private static final int REASSERT_BATCH = 500;

    private static final LuaScript CLAIM = LuaScript.load("claim.lua");
    private static final LuaScript RELEASE = LuaScript.load("release.lua");
    private static final LuaScript REASSERT = LuaScript.load("reassert.lua");
    private static final LuaScript PURGE = LuaScript.load("purge.lua");
    private static final LuaScript PLACE = LuaScript.load("place.lua");
    private static final LuaScript LEGS = LuaScript.load("legs.lua");
    private static final LuaScript LEG_PEERS = LuaScript.load("leg_peers.lua");
    private static final LuaScript ENTER_LEG = LuaScript.load("enter_leg.lua");

    private final UnifiedJedis redis;
    private final KeySpace keys;
    private final Clock clock;

    public RedisRoomDirectory(UnifiedJedis redis, KeySpace keys, Clock clock) {
        this.redis = Objects.requireNonNull(redis, "redis");
        this.keys = Objects.requireNonNull(keys, "keys");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public ClaimResult claim(RoomPlacement proposed) {
        List<?> reply = (List<?>) CLAIM.run(redis, List.of(keys.room(proposed.room())), List.of(
                keys.prefix(), proposed.room().encoded(), proposed.nodeId(),
                Integer.toString(proposed.workerIndex()), Long.toString(proposed.claimedAt().toEpochMilli())));
        String outcome = (String) reply.get(0);
        return switch (outcome) {
            case "claimed" -> ClaimResult.claimed(placement(proposed.room(), reply));
            case "held" -> ClaimResult.held(placement(proposed.room(), reply));
            case "claimant-not-live" -> ClaimResult.claimantNotLive();
            default -> throw new IllegalStateException("claim.lua answered " + outcome);
        };
    }

    /** One script call: the dispatcher's decision costs one round trip. */
    @Override
    public PlaceResult placeIfAbsent(PlaceRequest request, long viewGeneration) {
        return placeResult(request, PLACE.run(redis, placeKeys(request), placeArgs(request, viewGeneration)));
    }

    /** All requests in one pipeline: one round trip for the lot (see {@link #runAll}). */
    @Override
    public List<PlaceResult> placeAll(List<PlaceRequest> requests, long viewGeneration) {
        if (requests.size() == 1) {
            return List.of(placeIfAbsent(requests.get(0), viewGeneration));
        }
        return runAll(PLACE, requests, this::placeKeys, r -> placeArgs(r, viewGeneration),
                RedisRoomDirectory::placeResult, r -> placeIfAbsent(r, viewGeneration));
    }

    /**
     * One script call per request, all in one pipeline: one round trip for the lot. A server that
     * lost the script (restarted, or {@code SCRIPT FLUSH}) answers NOSCRIPT to each; those are
     * repeated one by one with {@code single}, which sends the source and so loads it again for
     * the next batch.
     */
    private <T, R> List<R> runAll(LuaScript script, List<T> requests, Function<T, List<String>> keysOf,
            Function<T, List<String>> argsOf, BiFunction<T, Object, R> parse, Function<T, R> single) {
        List<Response<Object>> replies = RedisCalls.run(redis, () -> {
            List<Response<Object>> queued = new ArrayList<>(requests.size());
            try (AbstractPipeline p = redis.pipelined()) {
                for (T r : requests) {
                    queued.add(script.queue(p, keysOf.apply(r), argsOf.apply(r)));
                }
                p.sync();
            }
            return queued;
        });
        List<R> out = new ArrayList<>(requests.size());
        for (int i = 0; i < requests.size(); i++) {
            Object reply;
            try {
                reply = replies.get(i).get();
            } catch (JedisDataException e) {
                if (!LuaScript.isNoScript(e)) {
                    throw new ClusterStoreException("Redis refused " + script + ": " + e.getMessage(), e);
                }
                out.add(single.apply(requests.get(i)));
                continue;
            }
            out.add(parse.apply(requests.get(i), reply));
        }
        return out;
    }

    private List<String> placeKeys(PlaceRequest request) {
        return List.of(keys.room(request.room()));
    }

    private List<String> placeArgs(PlaceRequest request, long viewGeneration) {
        RoomPlacement p = request.proposal();
        String withLegs = request.withLegs() ? "1" : "0";
        if (p == null) {
            return List.of(keys.prefix(), request.room().encoded(), Long.toString(viewGeneration), withLegs);
        }
        return List.of(keys.prefix(), request.room().encoded(), Long.toString(viewGeneration), withLegs,
                p.nodeId(), Integer.toString(p.workerIndex()), Long.toString(p.claimedAt().toEpochMilli()));
    }

    private static PlaceResult placeResult(PlaceRequest request, Object rawReply) {
        List<?> reply = (List<?>) rawReply;
        String outcome = (String) reply.get(0);
        long generation = Long.parseLong((String) reply.get(1));
        return switch (outcome) {
            case "held" -> request.withLegs()
                    ? heldWithLegs(request.room(), legs(reply, 2, reply.size()), generation)
                    : PlaceResult.held(placement(request.room(), reply.subList(1, 5)), generation);
            case "claimed" -> PlaceResult.claimed(placement(request.room(), reply.subList(1, 5)),
                    roomCounts(reply.subList(5, reply.size())), generation);
            case "stale" -> PlaceResult.of(PlaceResult.Outcome.STALE_VIEW, generation);
            case "absent" -> PlaceResult.of(PlaceResult.Outcome.ABSENT, generation);
            case "unavailable" -> PlaceResult.of(PlaceResult.Outcome.CLAIMANT_UNAVAILABLE, generation);
            default -> throw new IllegalStateException("place.lua answered " + outcome);
        };
    }

    private static PlaceResult heldWithLegs(RoomKey room, List<RoomLeg> legs, long generation) {
        RoomLeg entry = legs.get(0);
        return PlaceResult.held(new RoomPlacement(room, entry.nodeId(), entry.workerIndex(), entry.since()), legs,
                generation);
    }

    /** Legs as scripts give them: node, worker, since, peers, ... from {@code from} to {@code to}. */
    private static List<RoomLeg> legs(List<?> reply, int from, int to) {
        List<RoomLeg> out = new ArrayList<>((to - from) / 4);
        for (int i = from; i + 3 < to; i += 4) {
            out.add(new RoomLeg(text(reply.get(i)), Integer.parseInt(text(reply.get(i + 1))),
                    Instant.ofEpochMilli(Long.parseLong(text(reply.get(i + 2)))), Integer.parseInt(text(reply.get(i + 3)))));
        }
        return out;
    }

    private static String text(Object o) {
        return o instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(o);
    }

    @Override
    public List<RoomLeg> legs(RoomKey room) {
        List<?> reply = (List<?>) LEGS.run(redis, List.of(), List.of(keys.prefix(), room.encoded()));
        return legs(reply, 0, reply.size());
    }

    @Override
    public void reportLegPeers(RoomKey room, String nodeId, int peers) {
        if (peers < 0) {
            throw new IllegalArgumentException("peers must be >= 0");
        }
        LEG_PEERS.run(redis, List.of(), List.of(keys.prefix(), room.encoded(), nodeId, Integer.toString(peers)));
    }

    @Override
    public LegResult enterLeg(LegRequest request, long viewGeneration) {
        return legResult(request, ENTER_LEG.run(redis, legKeys(request), legArgs(request, viewGeneration)));
    }

    /** All requests in one pipeline, in order: one round trip (see {@link #runAll}). */
    @Override
    public List<LegResult> enterLegs(List<LegRequest> requests, long viewGeneration) {
        if (requests.size() == 1) {
            return List.of(enterLeg(requests.get(0), viewGeneration));
        }
        return runAll(ENTER_LEG, requests, this::legKeys, r -> legArgs(r, viewGeneration),
                RedisRoomDirectory::legResult, r -> enterLeg(r, viewGeneration));
    }

    private List<String> legKeys(LegRequest request) {
        return List.of(keys.room(request.room()));
    }

    private List<String> legArgs(LegRequest r, long viewGeneration) {
        if (!r.open()) {
            return List.of(keys.prefix(), r.room().encoded(), "join", r.nodeId());
        }
        return List.of(keys.prefix(), r.room().encoded(), "open", r.nodeId(), Long.toString(viewGeneration),
                Integer.toString(r.workerIndex()), Long.toString(r.since().toEpochMilli()));
    }

    private static LegResult legResult(LegRequest request, Object rawReply) {
        List<?> reply = (List<?>) rawReply;
        String outcome = text(reply.get(0));
        long generation = Long.parseLong(text(reply.get(1)));
        int n = Integer.parseInt(text(reply.get(2)));
        int countsFrom = 3 + 4 * n;
        List<RoomLeg> legs = legs(reply, 3, countsFrom);
        RoomLeg leg = legs.stream().filter(l -> l.nodeId().equals(request.nodeId())).findFirst().orElse(null);
        return switch (outcome) {
            case "joined" -> new LegResult(LegResult.Outcome.JOINED, leg, legs, RoomCounts.NONE, generation);
            case "opened" -> new LegResult(LegResult.Outcome.OPENED, leg, legs,
                    roomCounts(reply.subList(countsFrom, reply.size())), generation);
            case "claimed" -> new LegResult(LegResult.Outcome.CLAIMED, leg, legs,
                    roomCounts(reply.subList(countsFrom, reply.size())), generation);
            case "gone" -> new LegResult(LegResult.Outcome.GONE, null, legs, RoomCounts.NONE, generation);
            case "free" -> new LegResult(LegResult.Outcome.FREE, null, legs, RoomCounts.NONE, generation);
            case "stale" -> new LegResult(LegResult.Outcome.STALE_VIEW, null, legs, RoomCounts.NONE, generation);
            case "unavailable" -> new LegResult(LegResult.Outcome.NODE_UNAVAILABLE, null, legs, RoomCounts.NONE,
                    generation);
            default -> throw new IllegalStateException("enter_leg.lua answered " + outcome);
        };
    }

    /** Pairs of worker index and room count, as HGETALL gives them. */
    private static RoomCounts roomCounts(List<?> pairs) {
        Map<Integer, Integer> perWorker = new HashMap<>();
        for (int i = 0; i + 1 < pairs.size(); i += 2) {
            perWorker.put(Integer.parseInt((String) pairs.get(i)), Integer.parseInt((String) pairs.get(i + 1)));
        }
        return new RoomCounts(perWorker);
    }

    @Override
    public Optional<RoomPlacement> lookup(RoomKey room) {
        return placement(room, RedisCalls.run(redis, () -> redis.hgetAll(keys.room(room))));
    }

    @Override
    public List<Optional<RoomPlacement>> lookupAll(List<RoomKey> rooms) {
        List<Response<Map<String, String>>> replies = RedisCalls.run(redis, () -> {
            List<Response<Map<String, String>>> queued = new ArrayList<>(rooms.size());
            try (AbstractPipeline p = redis.pipelined()) {
                for (RoomKey room : rooms) {
                    queued.add(p.hgetAll(keys.room(room)));
                }
                p.sync();
            }
            return queued;
        });
        List<Optional<RoomPlacement>> out = new ArrayList<>(rooms.size());
        for (int i = 0; i < rooms.size(); i++) {
            out.add(placement(rooms.get(i), replies.get(i).get()));
        }
        return out;
    }

    private static Optional<RoomPlacement> placement(RoomKey room, Map<String, String> entry) {
        String node = entry.get("node");
        if (node == null) {
            return Optional.empty();
        }
        return Optional.of(new RoomPlacement(room, node, Integer.parseInt(entry.get("worker")),
                Instant.ofEpochMilli(Long.parseLong(entry.getOrDefault("since", "0")))));
    }

    @Override
    public boolean release(RoomKey room, String nodeId) {
        Object r = RELEASE.run(redis, List.of(keys.room(room)), List.of(keys.prefix(), room.encoded(), nodeId));
        return Long.valueOf(1).equals(r);
    }

    @Override
    public Set<RoomKey> reassert(String nodeId, Map<RoomKey, Integer> rooms, boolean asLegs) {
        Set<RoomKey> heldElsewhere = new HashSet<>();
        List<Map.Entry<RoomKey, Integer>> all = new ArrayList<>(rooms.entrySet());
        String since = Long.toString(clock.millis());
        for (int from = 0; from < all.size(); from += REASSERT_BATCH) {
            List<String> args = new ArrayList<>();
            args.add(keys.prefix());
            args.add(nodeId);
            args.add(since);
            args.add(asLegs ? "1" : "0");
            for (var e : all.subList(from, Math.min(all.size(), from + REASSERT_BATCH))) {
                args.add(e.getKey().encoded());
                args.add(Integer.toString(e.getValue()));
            }
            List<?> conflicts = (List<?>) REASSERT.run(redis, List.of(), args);
            conflicts.forEach(m -> heldElsewhere.add(RoomKey.decode((String) m)));
        }
        return heldElsewhere;
    }

    @Override
    public Map<RoomKey, Integer> roomsOf(String nodeId) {
        Map<RoomKey, Integer> out = new HashMap<>();
        RedisCalls.run(redis, () -> redis.hgetAll(keys.nodeRooms(nodeId))).forEach((member, worker) ->
                out.put(RoomKey.decode(member), Integer.parseInt(worker)));
        return out;
    }

    @Override
    public Map<String, RoomCounts> roomCounts(Collection<String> nodeIds) {
        return RedisCalls.run(redis, () -> readRoomCounts(nodeIds));
    }

    private Map<String, RoomCounts> readRoomCounts(Collection<String> nodeIds) {
        Map<String, Response<Map<String, String>>> replies = new HashMap<>();
        try (AbstractPipeline p = redis.pipelined()) {
            for (String id : nodeIds) {
                replies.put(id, p.hgetAll(keys.nodeWorkers(id)));
            }
            p.sync();
        }
        Map<String, RoomCounts> out = new HashMap<>();
        replies.forEach((id, reply) -> {
            Map<Integer, Integer> perWorker = new HashMap<>();
            reply.get().forEach((w, n) -> perWorker.put(Integer.parseInt(w), Integer.parseInt(n)));
            out.put(id, new RoomCounts(perWorker));
        });
        return out;
    }

    @Override
    public int purgeNode(String nodeId) {
        Object r = PURGE.run(redis, List.of(keys.node(nodeId)), List.of(keys.prefix(), nodeId));
        return Math.max(0, ((Long) r).intValue());
    }

    /** {@code reply} holds anything at 0, then node, worker, since. */
    private static RoomPlacement placement(RoomKey room, List<?> reply) {
        return new RoomPlacement(room, (String) reply.get(1), Integer.parseInt((String) reply.get(2)),
                Instant.ofEpochMilli(Long.parseLong((String) reply.get(3))));
    }
}
