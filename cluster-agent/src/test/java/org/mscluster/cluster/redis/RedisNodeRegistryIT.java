package org.mscluster.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.agent.ClusterAgent;
import org.mscluster.cluster.directory.RoomDirectory;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.NodeSummary;
import org.mscluster.cluster.model.RoomSnapshot;
import org.mscluster.cluster.registry.NodeRegistry;
import org.mscluster.cluster.registry.NodeRegistryContract;
import org.mscluster.cluster.testing.FakeClock;
import org.mscluster.cluster.testing.Nodes;
import redis.clients.jedis.JedisPooled;

class RedisNodeRegistryIT extends NodeRegistryContract {
    private static LocalRedisServer server;
    private static JedisPooled redis;
    private KeySpace keys;
    private RedisNodeRegistry registry;

    @BeforeAll
    static void startRedis() {
        server = LocalRedisServer.start();
        redis = new JedisPooled("127.0.0.1", server.port());
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        server.close();
    }

    @BeforeEach
    void freshKeys() {
        keys = new KeySpace("test-" + UUID.randomUUID() + ":");
        registry = new RedisNodeRegistry(redis, keys);
    }

    @Override
    protected NodeRegistry registry() {
        return registry;
    }

    /** The same rooms with other counts: what a node's list looks like a second later. */
    private static List<RoomSnapshot> withConsumers(List<RoomSnapshot> rooms, int consumers) {
        return rooms.stream().map(room -> new RoomSnapshot(room.key(), room.workerIndex(), room.createdAt(),
                room.peers().stream().map(p -> new RoomSnapshot.Peer(p.id(), p.displayName(), p.region(), p.isp(), p.joined(),
                        p.joinedAt(), p.producers(), consumers, p.bitrateIn(), p.bitrateOut(), p.transports())).toList(),
                room.links())).toList();
    }

    @Test
    void roomListsAreRewrittenWhenTheirShapeChangesOrEveryTenSecondsNotOnEveryRefresh() {
        FakeClock clock = new FakeClock();
        RedisNodeRegistry throttled = new RedisNodeRegistry(redis, keys, Duration.ofSeconds(5), clock);
        List<RoomSnapshot> first = rooms("a", "b");
        throttled.register(new NodeReport(EAST, load(0.1), first));

        // Same rooms, new counts: the load is written, the list stays as registered.
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttled.refresh(new NodeReport(EAST, load(0.2), withConsumers(first, 7)))).isTrue();
        NodeReport report = throttled.reports().get(0);
        assertThat(report.load()).isEqualTo(load(0.2));
        assertThat(report.rooms()).isEqualTo(first);

        // A peer renames itself (the shape changes): the list is written at once.
        List<RoomSnapshot> renamed = first.stream().map(room -> new RoomSnapshot(room.key(), room.workerIndex(), room.createdAt(),
                room.peers().stream().map(p -> new RoomSnapshot.Peer(p.id(), "Renamed", p.region(), p.isp(), p.joined(),
                        p.joinedAt(), p.producers(), p.consumers(), p.bitrateIn(), p.bitrateOut(), p.transports())).toList(),
                room.links())).toList();
        throttled.refresh(new NodeReport(EAST, load(0.2), renamed));
        assertThat(throttled.reports().get(0).rooms()).isEqualTo(renamed);

        // A room opens: the list is written at once.
        clock.advance(Duration.ofSeconds(1));
        List<RoomSnapshot> three = rooms("a", "b", "c");
        throttled.refresh(new NodeReport(EAST, load(0.3), three));
        assertThat(throttled.reports().get(0).rooms()).isEqualTo(three);

        // The same rooms for ten seconds: the counts are written again.
        clock.advance(RedisNodeRegistry.ROOMS_INTERVAL.minusMillis(1));
        throttled.refresh(new NodeReport(EAST, load(0.3), withConsumers(three, 9)));
        assertThat(throttled.reports().get(0).rooms()).isEqualTo(three);
        clock.advance(Duration.ofMillis(1));
        throttled.refresh(new NodeReport(EAST, load(0.3), withConsumers(three, 9)));
        assertThat(throttled.reports().get(0).rooms()).isEqualTo(withConsumers(three, 9));

        // Redis lost the node: the refresh says so, and the registration that follows writes the rooms.
        redis.del(keys.node("east-1"));
        assertThat(throttled.refresh(new NodeReport(EAST, load(0.3), three))).isFalse();
        throttled.register(new NodeReport(EAST, load(0.3), three));
        assertThat(throttled.reports().get(0).rooms()).isEqualTo(three);
    }

    @Test
    void aNodeThatStopsReportingDropsOutWithinFiveSeconds() {
        RoomDirectory directory = new RedisRoomDirectory(redis, keys, Clock.systemUTC());
        try (ClusterAgent north = ClusterAgent.builder().registry(registry).directory(directory).identity(NORTH)
                .load(() -> load(0.1)).build()) {
            north.start(); // keeps reporting every second
            registry.register(new NodeReport(EAST, load(0.1), List.of())); // reports once, then goes silent
            assertThat(registry.liveNodes()).extracting(NodeSnapshot::id).containsExactly("east-1", "north-1");

            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> !registry.isLive("east-1"));
            assertThat(registry.liveNodes()).extracting(NodeSnapshot::id).containsExactly("north-1");
            assertThat(registry.find("east-1")).isEmpty();
            assertThat(registry.sweepDeparted()).containsExactly("east-1");
        }
    }

    @Test
    void theLeaseIsTheKeysExpiry() {
        registry.register(new NodeReport(EAST, load(0.1), List.of()));
        long ttl = redis.pttl(keys.node("east-1"));
        assertThat(ttl).isBetween(1L, NodeRegistry.DEFAULT_EXPIRY.toMillis());
        assertThat(redis.sismember(keys.nodes(), "east-1")).isTrue();
    }

    @Test
    void registriesWithDifferentPrefixesDoNotSeeEachOther() {
        registry.register(new NodeReport(EAST, load(0.1), List.of()));
        var other = new RedisNodeRegistry(redis, new KeySpace("other-" + UUID.randomUUID() + ":"));
        assertThat(other.liveNodes()).isEmpty();
    }

    @Test
    void anUnreadableEntryIsSkippedNotFatal() {
        registry.register(new NodeReport(EAST, load(0.1), List.of()));
        registry.register(new NodeReport(Nodes.identity("broken", "x", ""), load(0.1), List.of()));
        redis.hset(keys.node("broken"), "load", "{not json");
        assertThat(registry.liveNodes()).extracting(NodeSnapshot::id).containsExactly("east-1");
    }

    @Test
    void placementReadsANodesIdentityOnlyWhenItRegistersAgain() {
        registry.register(new NodeReport(EAST, fullLoad(0.1), List.of()));
        assertThat(registry.placementNodes()).extracting(NodeSnapshot::identity).containsExactly(EAST);
        // Not read again while the stamp stands: text that would not even parse goes unnoticed.
        redis.hset(keys.node("east-1"), "identity", "{not json");
        registry.refresh(new NodeReport(EAST, fullLoad(0.4), List.of()));
        assertThat(registry.placementNodes()).containsExactly(new NodeSnapshot(EAST, fullLoad(0.4).forPlacement()));
        registry.setState("east-1", org.mscluster.cluster.model.NodeState.DRAINING);
        assertThat(registry.placementNodes()).extracting(NodeSnapshot::identity)
                .containsExactly(EAST.withState(org.mscluster.cluster.model.NodeState.DRAINING));
        // Another registry (another dispatcher) has no identity to reuse.
        assertThat(new RedisNodeRegistry(redis, keys).placementNodes()).isEmpty();
        registry.register(new NodeReport(EAST, fullLoad(0.2), List.of()));
        assertThat(registry.placementNodes()).containsExactly(new NodeSnapshot(EAST, fullLoad(0.2).forPlacement()));
    }

    @Test
    void placementReadsNodesWrittenByAnOlderVersionWhole() {
        // An older version writes neither a brief nor a stamp, and its refresh no brief.
        redis.hset(keys.node("north-1"), java.util.Map.of("identity", NodeCodec.identity(NORTH), "state", "UP",
                "load", NodeCodec.load(fullLoad(0.3)), "rooms", "[]"));
        redis.sadd(keys.nodes(), "north-1");
        registry.register(new NodeReport(EAST, fullLoad(0.1), List.of()));
        redis.hdel(keys.node("east-1"), "brief"); // what its refresh.lua leaves after an older refresh
        redis.hset(keys.node("east-1"), "load", NodeCodec.load(fullLoad(0.5)));
        assertThat(registry.placementNodes()).containsExactly(new NodeSnapshot(EAST, fullLoad(0.5).forPlacement()),
                new NodeSnapshot(NORTH, fullLoad(0.3).forPlacement()));
    }

    @Test
    void placementReadsAThousandNodesInChunksAsTheLiveNodes() {
        int nodes = 2 * RedisNodeRegistry.PLACEMENT_CHUNK + 17;
        for (int n = 0; n < nodes; n++) {
            registry.register(new NodeReport(Nodes.identity(String.format("n-%04d", n), "eu/de", "isp" + n % 3),
                    fullLoad(n / 1000.0), List.of()));
        }
        redis.del(keys.node("n-0100")); // the lease ran out: not live, though still in the index
        redis.hset(keys.node("n-0200"), "brief", "b1;garbage"); // unreadable: skipped, not fatal
        List<NodeSnapshot> expected = registry.liveNodes().stream().filter(n -> !n.id().equals("n-0200"))
                .map(n -> new NodeSnapshot(n.identity(), n.load().forPlacement())).toList();
        assertThat(expected).hasSize(nodes - 2);
        assertThat(registry.placementNodes()).isEqualTo(expected);
        assertThat(registry.placementNodes()).isEqualTo(expected); // the identities now known by stamp
    }

    @Test
    void aRedisThatLostItsDataNeverRepeatsAGeneration() {
        registry.register(new NodeReport(EAST, load(0.1), List.of()));
        registry.register(new NodeReport(NORTH, load(0.1), List.of()));
        long before = registry.generation();
        redis.del(keys.generation()); // as after a restart without persistence
        assertThat(registry.generation()).isZero();
        registry.register(new NodeReport(EAST, load(0.1), List.of()));
        assertThat(registry.generation()).isGreaterThan(before);
    }

    @Test
    void anUnreadableReportIsSkippedNotFatal() {
        registry.register(new NodeReport(EAST, load(0.1), rooms("a")));
        registry.register(new NodeReport(Nodes.identity("broken", "x", ""), load(0.1), List.of()));
        redis.hset(keys.node("broken"), "rooms-deflated", "{not json");
        assertThat(registry.reports()).extracting(NodeReport::nodeId).containsExactly("east-1");
    }

    /**
     * Reports are read about a megabyte of room lists per script call (placements run between calls):
     * every live node's, in id order, whatever the calls; nodes of large lists take several calls.
     */
    @Test
    void reportsOfManyNodesAreReadInBoundedCallsWhole() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(3);
        int nodes = 53;
        for (int n = 0; n < nodes; n++) {
            List<RoomSnapshot> rooms = new java.util.ArrayList<>();
            for (int r = 0; r < 1_000; r++) { // ~75 kB deflated: random ids do not shrink
                java.time.Instant at = java.time.Instant.ofEpochMilli(1_700_000_000_000L);
                rooms.add(new RoomSnapshot(org.mscluster.cluster.model.RoomKey.of("acme", "room-" + n + "-" + r), 0, at,
                        List.of(new RoomSnapshot.Peer(new UUID(random.nextLong(), random.nextLong()).toString(), "P", "eu/de",
                                "", true, at, List.of(new RoomSnapshot.Producer(new UUID(random.nextLong(),
                                        random.nextLong()).toString(), "audio", false)), 1, 100, 200, List.of()))));
            }
            registry.register(new NodeReport(Nodes.identity(String.format("r-%03d", n), "eu/de", "isp"), load(0.1), rooms));
        }
        redis.del(keys.node("r-030")); // the lease ran out: not live, though still in the index
        registry.reports(); // the script is cached from here on
        long stored = 0;
        for (int n = 0; n < nodes; n++) {
            stored += redis.hstrlen(keys.node(String.format("r-%03d", n)), "rooms-deflated");
        }
        assertThat(stored).isGreaterThan(2L * RedisNodeRegistry.REPORTS_BYTES_PER_CALL);
        long before = evalshaCalls();
        List<NodeReport> reports = registry.reports();
        assertThat(evalshaCalls() - before).isGreaterThanOrEqualTo(stored / RedisNodeRegistry.REPORTS_BYTES_PER_CALL);
        assertThat(reports).hasSize(nodes - 1);
        assertThat(reports).extracting(NodeReport::nodeId).isSorted().doesNotContain("r-030").contains("r-000", "r-052");
        assertThat(reports).allSatisfy(r -> assertThat(r.rooms()).hasSize(1_000)
                .allSatisfy(x -> assertThat(x.key().roomId()).startsWith("room-" + Integer.parseInt(r.nodeId().substring(2)) + "-")));
    }

    private long evalshaCalls() {
        return org.mscluster.cluster.testing.CommandCounts.of(redis).getOrDefault("evalsha", 0L);
    }

    /** Rooms are stored deflated; a node of an older version stored them as JSON in 'rooms', still read. */
    @Test
    void roomsAreStoredDeflatedAndOlderJsonRoomsStillRead() {
        List<RoomSnapshot> rooms = rooms("a", "b", "c");
        registry.register(new NodeReport(EAST, load(0.1), rooms));
        assertThat(redis.hexists(keys.node("east-1"), "rooms")).isFalse();
        assertThat(NodeCodec.rooms(redis.hget(keys.node("east-1"), "rooms-deflated"))).isEqualTo(rooms);
        redis.hset(keys.node("north-1"), java.util.Map.of("identity", NodeCodec.identity(NORTH), "state", "UP",
                "load", NodeCodec.load(load(0.3)), "rooms", NodeCodec.rooms(rooms("d"))));
        redis.sadd(keys.nodes(), "north-1");
        assertThat(registry.reports()).extracting(NodeReport::nodeId, NodeReport::rooms)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("east-1", rooms),
                        org.assertj.core.groups.Tuple.tuple("north-1", rooms("d")));
        registry.refresh(new NodeReport(EAST, load(0.1), rooms("a")));
        assertThat(registry.reports().get(0).rooms()).isEqualTo(rooms("a"));
    }

    /**
     * Summaries read each node's totals, a few hundred bytes however many rooms; a node of an older
     * version writes none (and its refresh deletes stale ones), and its rooms are added up instead.
     */
    @Test
    void summariesReadTotalsAndAddUpTheRoomsOfOlderNodes() {
        List<RoomSnapshot> many = new java.util.ArrayList<>();
        for (int r = 0; r < 2_000; r++) {
            many.addAll(rooms("room-" + r));
        }
        registry.register(new NodeReport(EAST, load(0.1), many));
        assertThat(redis.hstrlen(keys.node("east-1"), "totals")).isLessThan(400);
        assertThat(redis.hstrlen(keys.node("east-1"), "rooms-deflated")).isGreaterThan(10_000);
        // Older nodes: one registered by an older version (JSON rooms, no totals), one refreshed by one.
        redis.hset(keys.node("north-1"), java.util.Map.of("identity", NodeCodec.identity(NORTH), "state", "DRAINING",
                "load", NodeCodec.load(load(0.3)), "rooms", NodeCodec.rooms(rooms("d", "e"))));
        redis.sadd(keys.nodes(), "north-1");
        NodeIdentity west = Nodes.identity("west-1", "eu/de", "");
        registry.register(new NodeReport(west, load(0.2), rooms("w")));
        redis.hdel(keys.node("west-1"), "totals");
        assertThat(registry.summaries()).containsExactly(new NodeReport(EAST, load(0.1), many).summary(),
                new NodeReport(NORTH.withState(org.mscluster.cluster.model.NodeState.DRAINING), load(0.3), rooms("d", "e")).summary(),
                new NodeReport(west, load(0.2), rooms("w")).summary());
        assertThat(registry.summaries().get(0).namespaces().get("acme").rooms()).isEqualTo(2_000);
        // Unreadable totals hide that node only.
        redis.hset(keys.node("west-1"), "totals", "{\"acme\": 7}");
        assertThat(registry.summaries()).extracting(NodeSummary::nodeId).containsExactly("east-1", "north-1");
    }

    /**
     * The node's one write a second is one command: load, rooms and the lease extension in one script
     * call, seen by Redis itself (MONITOR) rather than inferred from the client.
     */
    @Test
    void aRefreshIsOneRoundTripThatWritesLoadRoomsAndLease() throws Exception {
        registry.register(new NodeReport(EAST, load(0.1), List.of()));
        registry.refresh(new NodeReport(EAST, load(0.1), rooms("a"))); // the script is cached from here on
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch monitoring = new java.util.concurrent.CountDownLatch(1);
        redis.clients.jedis.Jedis monitor = new redis.clients.jedis.Jedis("127.0.0.1", server.port());
        Thread watcher = new Thread(() -> {
            try {
                monitor.monitor(new redis.clients.jedis.JedisMonitor() {
                    @Override
                    public void onCommand(String command) {
                        seen.add(command);
                        monitoring.countDown();
                    }
                });
            } catch (RuntimeException closed) {
                // the connection closed under MONITOR: the test is over
            }
        });
        watcher.start();
        // MONITOR echoes commands from its own start: a marker tells when it is live.
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            redis.get(keys.prefix() + "monitor-marker");
            return monitoring.getCount() == 0;
        });
        int refreshes = 10;
        for (int i = 0; i < refreshes; i++) {
            assertThat(registry.refresh(new NodeReport(EAST, load(0.1 + i / 100.0), rooms("a", "b")))).isTrue();
        }
        redis.get(keys.prefix() + "monitor-end");
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.stream().anyMatch(c -> c.contains("monitor-end")));
        monitor.disconnect();
        watcher.join(5_000);
        // MONITOR also lists what a script does inside the server ("[0 lua]"): not round trips.
        List<String> aboutTheNode = seen.stream().filter(c -> !c.contains(" lua]"))
                .filter(c -> c.contains(keys.node("east-1"))).toList();
        assertThat(aboutTheNode).hasSize(refreshes).allSatisfy(c -> assertThat(c).containsIgnoringCase("\"evalsha\""));
        assertThat(registry.reports().get(0).rooms()).isEqualTo(rooms("a", "b"));
    }
}
