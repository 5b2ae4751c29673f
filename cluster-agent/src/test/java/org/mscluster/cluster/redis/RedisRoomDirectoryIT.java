package org.mscluster.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.directory.ClaimResult;
import org.mscluster.cluster.directory.PlaceRequest;
import org.mscluster.cluster.directory.PlaceResult;
import org.mscluster.cluster.directory.RoomDirectory;
import org.mscluster.cluster.directory.RoomDirectoryContract;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.registry.NodeRegistry;
import redis.clients.jedis.JedisPooled;

class RedisRoomDirectoryIT extends RoomDirectoryContract {
    private static final int CLIENTS = 4;

    private static LocalRedisServer server;
    private static List<JedisPooled> clients;
    private KeySpace keys;
    private RedisNodeRegistry registry;
    private RedisRoomDirectory directory;

    @BeforeAll
    static void startRedis() {
        server = LocalRedisServer.start();
        clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(new JedisPooled("127.0.0.1", server.port()));
        }
    }

    @AfterAll
    static void stopRedis() {
        clients.forEach(JedisPooled::close);
        server.close();
    }

    @BeforeEach
    void freshKeys() {
        keys = new KeySpace("test-" + UUID.randomUUID() + ":");
        registry = new RedisNodeRegistry(clients.get(0), keys);
        directory = new RedisRoomDirectory(clients.get(0), keys, Clock.systemUTC());
    }

    @Override
    protected NodeRegistry registry() {
        return registry;
    }

    @Override
    protected RoomDirectory directory() {
        return directory;
    }

    /** One directory per independent client, as if each were another dispatcher process. */
    private List<RedisRoomDirectory> directoriesOnEveryClient() {
        return clients.stream().map(c -> new RedisRoomDirectory(c, keys, Clock.systemUTC())).toList();
    }

    @Test
    void claimsThroughIndependentClientsHaveOneWinner() throws Exception {
        live("n1", "n2", "n3");
        List<RedisRoomDirectory> dirs = directoriesOnEveryClient();
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<ClaimResult>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                RedisRoomDirectory dir = dirs.get(i % CLIENTS);
                RoomPlacement proposal = on("n" + (1 + i % 3), i % 4);
                futures.add(pool.submit(() -> {
                    go.await();
                    return dir.claim(proposal);
                }));
            }
            go.countDown();
            List<ClaimResult> results = new ArrayList<>();
            for (Future<ClaimResult> f : futures) {
                results.add(f.get());
            }
            assertThat(results).filteredOn(ClaimResult::won).hasSize(1);
            RoomPlacement winner = results.stream().filter(ClaimResult::won).findFirst().orElseThrow().placement();
            assertThat(results).allSatisfy(r -> assertThat(r.placement()).isEqualTo(winner));
            assertThat(directory.lookup(ROOM)).contains(winner);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void fiftyRoomsClaimedAtOnceAreNeverSplit() throws Exception {
        live("n1", "n2", "n3");
        List<RedisRoomDirectory> dirs = directoriesOnEveryClient();
        ExecutorService pool = Executors.newFixedThreadPool(40);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<RoomPlacement>> futures = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                RedisRoomDirectory dir = dirs.get(i % CLIENTS);
                RoomKey room = new RoomKey("default", "room-" + (i % 50));
                RoomPlacement proposal = on(room, "n" + (1 + (i / 50) % 3), i % 4);
                futures.add(pool.submit(() -> {
                    go.await();
                    return dir.claim(proposal).placement();
                }));
            }
            go.countDown();
            Map<RoomKey, Set<String>> targets = new HashMap<>();
            for (Future<RoomPlacement> f : futures) {
                RoomPlacement p = f.get();
                targets.computeIfAbsent(p.room(), k -> new HashSet<>()).add(p.nodeId() + "#" + p.workerIndex());
            }
            assertThat(targets).hasSize(50).allSatisfy((room, t) -> assertThat(t).hasSize(1));
            int indexed = directory.roomCounts(List.of("n1", "n2", "n3")).values().stream().mapToInt(c -> c.total()).sum();
            assertThat(indexed).isEqualTo(50);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void scriptsSurviveAScriptCacheFlush() {
        live("n1");
        clients.get(0).scriptFlush();
        assertThat(directory.claim(on("n1", 0)).won()).isTrue();
        clients.get(0).scriptFlush();
        assertThat(directory.release(ROOM, "n1")).isTrue();
    }

    @Test
    void theKeyLayoutIsAsDocumented() {
        live("n1");
        directory.claim(on("n1", 2));
        var redis = clients.get(0);
        assertThat(redis.hgetAll(keys.room(ROOM))).containsEntry("node", "n1").containsEntry("worker", "2")
                .containsKey("since");
        assertThat(redis.hgetAll(keys.nodeRooms("n1"))).isEqualTo(Map.of("default:room-1", "2"));
        assertThat(redis.hgetAll(keys.nodeWorkers("n1"))).isEqualTo(Map.of("2", "1"));
        assertThat(keys.room(ROOM)).startsWith(keys.prefix() + "room:");
    }

    @Test
    void batchesThroughIndependentClientsNeverSplitARoom() throws Exception {
        live("n1", "n2", "n3");
        List<RedisRoomDirectory> dirs = directoriesOnEveryClient();
        long generation = registry.generation();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS * 2);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<List<PlaceResult>>> futures = new ArrayList<>();
            for (int b = 0; b < CLIENTS * 2; b++) {
                RedisRoomDirectory dir = dirs.get(b % CLIENTS);
                List<PlaceRequest> batch = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    RoomKey room = new RoomKey("default", "room-" + (i % 20));
                    batch.add(new PlaceRequest(room, on(room, "n" + (1 + (b + i) % 3), (b + i) % 4)));
                }
                futures.add(pool.submit(() -> {
                    go.await();
                    return dir.placeAll(batch, generation);
                }));
            }
            go.countDown();
            Map<RoomKey, Set<String>> targets = new HashMap<>();
            int claimed = 0;
            for (Future<List<PlaceResult>> f : futures) {
                for (PlaceResult r : f.get()) {
                    assertThat(r.placed()).isTrue();
                    claimed += r.outcome() == PlaceResult.Outcome.CLAIMED ? 1 : 0;
                    RoomPlacement p = r.placement();
                    targets.computeIfAbsent(p.room(), k -> new HashSet<>()).add(p.nodeId() + "#" + p.workerIndex());
                }
            }
            assertThat(claimed).isEqualTo(20);
            assertThat(targets).hasSize(20).allSatisfy((room, t) -> assertThat(t).hasSize(1));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aBatchSurvivesAScriptCacheFlush() {
        live("n1");
        clients.get(0).scriptFlush();
        RoomKey other = new RoomKey("default", "other");
        List<PlaceResult> results = directory.placeAll(List.of(new PlaceRequest(ROOM, on("n1", 0)),
                new PlaceRequest(other, on(other, "n1", 1))), registry.generation());
        assertThat(results).extracting(PlaceResult::outcome)
                .containsExactly(PlaceResult.Outcome.CLAIMED, PlaceResult.Outcome.CLAIMED);
        assertThat(results.get(1).claimantRooms().byWorker()).isEqualTo(Map.of(0, 1, 1, 1));
    }

    @Test
    void theLegKeyLayoutIsAsDocumented() {
        live("n1", "n2");
        directory.claim(on("n1", 2));
        directory.enterLeg(org.mscluster.cluster.directory.LegRequest.open(ROOM, "n2", 1, SINCE), registry.generation());
        directory.reportLegPeers(ROOM, "n1", 4);
        var redis = clients.get(0);
        assertThat(redis.hgetAll(keys.room(ROOM))).containsEntry("node", "n1").containsEntry("peers", "4");
        assertThat(redis.hgetAll(keys.roomLegs(ROOM))).isEqualTo(Map.of("n2", "1/" + SINCE.toEpochMilli() + "/1"));
        assertThat(keys.roomLegs(ROOM)).isEqualTo(keys.prefix() + "room-legs:default:room-1");
        assertThat(redis.hgetAll(keys.nodeRooms("n2"))).isEqualTo(Map.of("default:room-1", "1"));
        assertThat(redis.hgetAll(keys.nodeWorkers("n2"))).isEqualTo(Map.of("1", "1"));
        directory.release(ROOM, "n1");
        assertThat(redis.hgetAll(keys.room(ROOM))).containsEntry("node", "n2").containsEntry("peers", "1");
        assertThat(redis.exists(keys.roomLegs(ROOM))).isFalse();
    }
}
