package org.mscluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.ConnectException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.ClusterStoreException;
import org.mscluster.cluster.model.HostLoad;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.WorkerLoad;
import org.mscluster.cluster.redis.RedisUrl;
import org.mscluster.cluster.status.NodeStatus;

class StatusCommandTest {
    private static final Instant T = Instant.parse("2026-01-01T00:00:00Z");

    private static final NodeStatus EAST = new NodeStatus(new NodeSnapshot(
            NodeIdentity.builder("east-1").name("Shanghai 1").region("asia/cn/east").isp("telecom").build(),
            new NodeLoad(HostLoad.of(0.125, 0.5, 1000, 2000, 0.1), List.of(WorkerLoad.of(0, 1, 3, 1, 2, 0.2), WorkerLoad.of(1, 1, 2, 1, 1, 0.1)), T)),
            Map.of(new RoomKey("default", "lobby"), 0, new RoomKey("acme", "standup"), 1));
    private static final NodeStatus DE = new NodeStatus(new NodeSnapshot(
            NodeIdentity.builder("de-1").region("europe/de").state(NodeState.DRAINING).build(), NodeLoad.idle(4, T)),
            Map.of());

    @Test
    void nodesAndRoomsAsAlignedTables() {
        assertThat(StatusCommand.tables(List.of(EAST, DE))).isEqualTo(""
                + "NODES (2)\n"
                + "ID      NAME        REGION        ISP      STATE     CPU  MEM  WORKERS  ROOMS  PEERS\n"
                + "de-1    de-1        europe/de     -        draining   0%   0%        4      0      0\n"
                + "east-1  Shanghai 1  asia/cn/east  telecom  up        13%  50%        2      2      5\n"
                + "\n"
                + "ROOMS (2)\n"
                + "NAMESPACE  ROOM     NODE    WORKER\n"
                + "acme       standup  east-1       1\n"
                + "default    lobby    east-1       0\n");
    }

    @Test
    void anEmptyCluster() {
        assertThat(StatusCommand.tables(List.of())).isEqualTo("NODES (0)\nno live nodes\n\nROOMS (0)\nno rooms\n");
    }

    @Test
    void theSameAsJson() {
        JsonNode json = Json.MAPPER.valueToTree(StatusCommand.toJson(RedisUrl.parse("redis://:pw@127.0.0.1:6379"),
                List.of(EAST, DE)));
        assertThat(json.path("redis").asText()).isEqualTo("redis://:***@127.0.0.1:6379/0");
        assertThat(json.path("nodes")).hasSize(2);
        JsonNode east = json.path("nodes").get(1);
        assertThat(east.path("id").asText()).isEqualTo("east-1");
        assertThat(east.path("region").asText()).isEqualTo("asia/cn/east");
        assertThat(east.path("isp").asText()).isEqualTo("telecom");
        assertThat(east.path("state").asText()).isEqualTo("up");
        assertThat(east.path("cpu").asDouble()).isEqualTo(0.125);
        assertThat(east.path("memory").asDouble()).isEqualTo(0.5);
        assertThat(east.path("rooms").asInt()).isEqualTo(2);
        assertThat(east.path("peers").asInt()).isEqualTo(5);
        assertThat(east.path("workers")).hasSize(2);
        assertThat(json.path("nodes").get(0).path("state").asText()).isEqualTo("draining");
        assertThat(json.path("rooms")).hasSize(2);
        assertThat(json.path("rooms").get(0).path("room").asText()).isEqualTo("standup");
        assertThat(json.path("rooms").get(0).path("node").asText()).isEqualTo("east-1");
        assertThat(json.path("rooms").get(0).path("worker").asInt()).isEqualTo(1);
    }

    @Test
    void theSocketErrorBehindTheRedisClientsMessage() {
        // As the Redis client reports it: the socket error suppressed under its own message, all in the store's exception.
        IllegalStateException e = new IllegalStateException("Failed to connect to 127.0.0.1:1.");
        e.addSuppressed(new ConnectException("Connection refused"));
        assertThat(StatusCommand.rootMessage(new ClusterStoreException("Redis unreachable", e)))
                .isEqualTo("Failed to connect to 127.0.0.1:1: Connection refused");
    }
}
