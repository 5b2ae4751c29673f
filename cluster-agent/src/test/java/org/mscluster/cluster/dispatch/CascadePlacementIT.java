package org.mscluster.cluster.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomLeg;
import org.mscluster.cluster.placement.NearestLeastLoadedPolicy;
import org.mscluster.cluster.placement.PlacementSettings;
import org.mscluster.cluster.redis.KeySpace;
import org.mscluster.cluster.redis.LocalRedisServer;
import org.mscluster.cluster.redis.RedisUrl;
import org.mscluster.cluster.testing.SimulatedNode;
import redis.clients.jedis.JedisPooled;

/**
 * Rooms across nodes on a real Redis: four nodes in four regions, two dispatchers each behind its
 * own {@link DispatchPipeline}, and 200 peers of one room arriving at once from the four regions.
 */
class CascadePlacementIT {
    private static final String[] CLIENT_REGIONS = {"eu/de/berlin", "eu/fr/paris", "us/east/ny", "asia/sg/central"};
    private static final RoomKey ROOM = new RoomKey("default", "cascade");

    private static LocalRedisServer server;
    private static JedisPooled raw;

    private KeySpace keys;
    private final List<SimulatedNode> nodes = new ArrayList<>();
    private final List<ClusterStore> stores = new ArrayList<>();

    @BeforeAll
    static void startRedis() {
        server = LocalRedisServer.start();
        raw = new JedisPooled("127.0.0.1", server.port());
    }

    @AfterAll
    static void stopRedis() {
        raw.close();
        server.close();
    }

    @BeforeEach
    void startNodes() {
        keys = new KeySpace("cascade-" + UUID.randomUUID() + ":");
        String[][] specs = {{"de", "eu/de"}, {"fr", "eu/fr"}, {"us", "us/east"}, {"sg", "asia/sg"}};
        for (String[] s : specs) {
            nodes.add(new SimulatedNode(NodeIdentity.builder(s[0]).region(s[1]).build(), server.url(), keys).start());
        }
    }

    @AfterEach
    void stopNodes() {
        nodes.forEach(SimulatedNode::close);
        stores.forEach(ClusterStore::close);
    }

    private ClusterStore store() {
        ClusterStore s = ClusterStore.redis(RedisUrl.parse(server.url()), keys.prefix(), 8, Clock.systemUTC());
        stores.add(s);
        return s;
    }

    private record Join(ClientInfo client, Dispatch dispatch) {}

    /** 200 peers of one room at once, alternately through two dispatchers with pipelines of their own. */
    private List<Join> joinAtOnce(boolean cascade) throws Exception {
        PlacementSettings settings = PlacementSettings.builder().cascade(cascade).build();
        List<DispatchPipeline> pipelines = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ClusterStore s = store();
            RoomPlacer placer = new RoomPlacer(s.registry(), s.directory(), new NearestLeastLoadedPolicy(settings),
                    Clock.systemUTC());
            assertThat(placer.cascade()).isEqualTo(cascade);
            pipelines.add(new DispatchPipeline(placer, 4, 32));
        }
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<ClientInfo> clients = new ArrayList<>();
            List<Future<CompletableFuture<Dispatch>>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                DispatchPipeline pipeline = pipelines.get(i % 2);
                ClientInfo client = ClientInfo.of(CLIENT_REGIONS[(i / 2) % 4], "");
                clients.add(client);
                futures.add(pool.submit(() -> {
                    go.await();
                    return pipeline.dispatch(ROOM, client);
                }));
            }
            go.countDown();
            List<Join> joins = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                joins.add(new Join(clients.get(i), futures.get(i).get().get(20, TimeUnit.SECONDS)));
            }
            return joins;
        } finally {
            pool.shutdownNow();
            pipelines.forEach(DispatchPipeline::close);
        }
    }

    @Test
    void twoHundredPeersFromFourRegionsEachJoinALegInTheirOwnRegionAndNoNodeHasTwo() throws Exception {
        List<Join> joins = joinAtOnce(true);
        var directory = store().directory();
        List<RoomLeg> legs = directory.legs(ROOM);

        // Never two legs on a node: as the directory says, and in the raw keys.
        assertThat(legs).extracting(RoomLeg::nodeId).doesNotHaveDuplicates()
                .containsExactlyInAnyOrder("de", "fr", "us", "sg");
        String entryNode = raw.hget(keys.room(ROOM), "node");
        Map<String, String> others = raw.hgetAll(keys.roomLegs(ROOM));
        assertThat(others).hasSize(3).doesNotContainKey(entryNode);
        assertThat(legs.get(0).nodeId()).isEqualTo(entryNode);
        for (String node : List.of("de", "fr", "us", "sg")) {
            assertThat(raw.hgetAll(keys.nodeRooms(node))).containsOnlyKeys(ROOM.encoded());
            assertThat(raw.hvals(keys.nodeWorkers(node))).containsExactly("1");
        }

        // Every peer in its own region, on a leg the directory has, as the dispatch says.
        Set<String> legTargets = new HashSet<>();
        for (RoomLeg l : legs) {
            legTargets.add(l.nodeId() + "#" + l.workerIndex() + "@" + l.since().toEpochMilli());
        }
        for (Join j : joins) {
            Dispatch d = j.dispatch();
            assertThat(j.client().region().isWithin(d.node().region()))
                    .as("%s sent to %s", j.client().region(), d.node().region()).isTrue();
            assertThat(d.placement().room()).isEqualTo(ROOM);
            assertThat(legTargets).contains(d.placement().nodeId() + "#" + d.placement().workerIndex() + "@"
                    + d.placement().claimedAt().toEpochMilli());
        }
        assertThat(joins.stream().filter(j -> j.dispatch().newlyPlaced()).count()).isEqualTo(1);
        assertThat(joins.stream().filter(j -> j.dispatch().newLeg()).count()).isEqualTo(3);
        Dispatch first = joins.stream().map(Join::dispatch).filter(Dispatch::newlyPlaced).findFirst().orElseThrow();
        assertThat(first.node().id()).isEqualTo(entryNode);
        // Each peer counted once, on its leg.
        assertThat(legs.stream().mapToInt(RoomLeg::peers).sum()).isEqualTo(200);
        assertThat(legs).allSatisfy(l -> assertThat(l.peers()).isEqualTo(50));
    }

    @Test
    void withCascadeOffTheSameTwoHundredPeersAllGoToOneNode() throws Exception {
        List<Join> joins = joinAtOnce(false);
        assertThat(joins.stream().map(j -> j.dispatch().placement().nodeId() + "#" + j.dispatch().placement().workerIndex())
                .distinct()).hasSize(1);
        assertThat(joins.stream().filter(j -> j.dispatch().newLeg()).count()).isZero();
        assertThat(joins.stream().filter(j -> j.dispatch().newlyPlaced()).count()).isEqualTo(1);
        assertThat(raw.exists(keys.roomLegs(ROOM))).isFalse();
        assertThat(store().directory().legs(ROOM)).hasSize(1);
    }
}
