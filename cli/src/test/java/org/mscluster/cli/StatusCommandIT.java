package org.mscluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.agent.ClusterAgent;
import org.mscluster.cluster.dispatch.RoomPlacer;
import org.mscluster.cluster.model.ClientInfo;
import org.mscluster.cluster.model.HostLoad;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.model.WorkerLoad;
import org.mscluster.cluster.placement.NearestLeastLoadedPolicy;
import org.mscluster.cluster.redis.KeySpace;
import org.mscluster.cluster.redis.LocalRedisServer;
import org.mscluster.cluster.redis.RedisUrl;

/** {@code mscluster status} against a real Redis with two nodes registered by their cluster agents. */
class StatusCommandIT {
    private static LocalRedisServer redis;
    private static ClusterStore eastStore;
    private static ClusterStore deStore;
    private static ClusterAgent east;
    private static ClusterAgent de;
    private static RoomPlacement lobby;
    private static RoomPlacement berlin;

    @BeforeAll
    static void startCluster() {
        redis = LocalRedisServer.start();
        Clock clock = Clock.systemUTC();
        eastStore = ClusterStore.redis(RedisUrl.parse(redis.url()), KeySpace.DEFAULT_PREFIX, clock);
        deStore = ClusterStore.redis(RedisUrl.parse(redis.url()), KeySpace.DEFAULT_PREFIX, clock);
        east = agent(eastStore, NodeIdentity.builder("east-1").name("Shanghai 1").region("asia/cn/east").isp("telecom")
                .signalingUrl("ws://10.0.0.1:4443/").build(),
                new NodeLoad(HostLoad.of(0.25, 0.5, 0, 0, 0), List.of(WorkerLoad.of(0, 1, 3, 1, 2, 0.1), WorkerLoad.of(1, 0, 0, 0, 0, 0)), Instant.now()));
        de = agent(deStore, NodeIdentity.builder("de-1").region("europe/de").signalingUrl("ws://10.0.0.2:4443/").build(),
                NodeLoad.idle(4, Instant.now()));
        RoomPlacer placer = new RoomPlacer(eastStore.registry(), eastStore.directory(), new NearestLeastLoadedPolicy(), clock);
        lobby = placer.placeRoom(new RoomKey("default", "lobby"), ClientInfo.of("asia/cn/east/sh", "telecom"));
        berlin = placer.placeRoom(new RoomKey("acme", "berlin-standup"), ClientInfo.of("europe/de/berlin", ""));
    }

    private static ClusterAgent agent(ClusterStore store, NodeIdentity identity, NodeLoad load) {
        ClusterAgent agent = ClusterAgent.builder().registry(store.registry()).directory(store.directory())
                .identity(identity).load(() -> load).build();
        agent.start();
        return agent;
    }

    @AfterAll
    static void stopCluster() {
        east.close();
        de.close();
        eastStore.close();
        deStore.close();
        redis.close();
    }

    @Test
    void tablesOfNodesAndRooms() {
        CliRun run = CliRun.of("status", "--redis", redis.url());
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("NODES (2)");
        assertThat(lines.get(1)).matches("ID\\s+NAME\\s+REGION\\s+ISP\\s+STATE\\s+CPU\\s+MEM\\s+WORKERS\\s+ROOMS\\s+PEERS");
        assertThat(lines.get(2)).matches("de-1\\s+de-1\\s+europe/de\\s+-\\s+up\\s+0%\\s+0%\\s+4\\s+1\\s+0");
        assertThat(lines.get(3)).matches("east-1\\s+Shanghai 1\\s+asia/cn/east\\s+telecom\\s+up\\s+25%\\s+50%\\s+2\\s+1\\s+3");
        // Aligned: every column starts where its header does.
        assertThat(lines.get(3).indexOf("asia/cn/east")).isEqualTo(lines.get(1).indexOf("REGION"));
        assertThat(lines.get(2).indexOf("europe/de")).isEqualTo(lines.get(1).indexOf("REGION"));
        assertThat(lines.get(4)).isEmpty();
        assertThat(lines.get(5)).isEqualTo("ROOMS (2)");
        assertThat(lines.get(6)).matches("NAMESPACE\\s+ROOM\\s+NODE\\s+WORKER");
        assertThat(lines.get(7)).matches("acme\\s+berlin-standup\\s+de-1\\s+" + berlin.workerIndex());
        assertThat(lines.get(8)).matches("default\\s+lobby\\s+east-1\\s+" + lobby.workerIndex());
        assertThat(run.err()).isEmpty();
    }

    @Test
    void theSameAsJsonWithTheRedisUrlFromTheEnvironment() throws Exception {
        CliRun run = CliRun.of(Map.of("MSCLUSTER_REDIS", redis.url()), "status", "--json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode json = Json.MAPPER.readTree(run.out());
        assertThat(json.path("nodes")).extracting(n -> n.path("id").asText()).containsExactly("de-1", "east-1");
        JsonNode eastJson = json.path("nodes").get(1);
        assertThat(eastJson.path("name").asText()).isEqualTo("Shanghai 1");
        assertThat(eastJson.path("isp").asText()).isEqualTo("telecom");
        assertThat(eastJson.path("state").asText()).isEqualTo("up");
        assertThat(eastJson.path("signalingUrl").asText()).isEqualTo("ws://10.0.0.1:4443/");
        assertThat(eastJson.path("cpu").asDouble()).isEqualTo(0.25);
        assertThat(eastJson.path("peers").asInt()).isEqualTo(3);
        assertThat(eastJson.path("rooms").asInt()).isEqualTo(1);
        assertThat(json.path("rooms")).extracting(r -> r.path("node").asText() + "/" + r.path("room").asText())
                .containsExactly("de-1/berlin-standup", "east-1/lobby");
        assertThat(json.path("rooms").get(1).path("worker").asInt()).isEqualTo(lobby.workerIndex());
    }

    @Test
    void anUnreachableRedisIsOneClearLineAndAFailingExit() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        CliRun run = CliRun.of("status", "--redis", "redis://127.0.0.1:" + closedPort);
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.out()).isEmpty();
        assertThat(run.err().lines().toList()).hasSize(1);
        assertThat(run.err()).startsWith("mscluster: cannot read the cluster from Redis at redis://127.0.0.1:" + closedPort)
                .contains("Connection refused")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void aMalformedUrlIsAUsageError() {
        CliRun run = CliRun.of("status", "--redis", "http://nope");
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("mscluster: invalid --redis URL");
    }
}
