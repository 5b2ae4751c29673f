package org.mscluster.signaling.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.signaling.admin.AdminActions.ActionResult;
import org.mscluster.signaling.admin.AdminCommand;
import org.mscluster.signaling.dashboard.SimulatedCluster;
import org.mscluster.signaling.room.RoomSnapshot;

class NodeReportCodecTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00.123Z");

    @Test
    void aReportSurvivesTheTripThroughRedisAsJson() {
        NodeIdentity identity = NodeIdentity.builder("n1").name("Shanghai 1").region("asia/cn/east").isp("telecom")
                .signalingUrl("wss://sh1.example.com/").announcedIps(List.of("203.0.113.5")).namespaces(Set.of("acme", "beta"))
                .priority(3).state(NodeState.DRAINING).build();
        RoomSnapshot room = new RoomSnapshot(RoomKey.of("acme", "a/b"), 1, NOW, List.of(
                new RoomSnapshot.Peer("alice", "Alice", "asia/cn", "telecom", true, NOW,
                        List.of(new RoomSnapshot.Producer("p1", "video", false)), 2, 1_500_000, 3_000_000,
                        List.of(new RoomSnapshot.TransportBytes("t1", 100, 200))),
                new RoomSnapshot.Peer("bob", null, null, null, false, NOW, List.of(), 0, 0, 0, List.of())));
        NodeReport report = new NodeReport(identity, new HostLoad(0.5, 0.25, 1, 4, 1000, 2000, 10, 20, 0.75, 3, 4),
                List.of(new WorkerReport(0, 42, true, 0.3, -1, 1, 2, 1, 2, 1_500_000, 3_000_000, 1)), List.of(room), NOW);

        NodeReport decoded = NodeReportCodec.decode(NodeReportCodec.encode(report));

        assertThat(decoded).isEqualTo(report);
        assertThat(decoded.peers()).isEqualTo(2);
        assertThat(decoded.bitrateOut()).isEqualTo(3_000_000);
    }

    @Test
    void simulatedNodesRoundTrip() throws Exception {
        SimulatedCluster cluster = new SimulatedCluster(5, Clock.fixed(NOW, ZoneOffset.UTC));
        cluster.step();
        for (NodeReport report : cluster.reports().toCompletableFuture().get()) {
            assertThat(NodeReportCodec.decode(NodeReportCodec.encode(report))).isEqualTo(report);
        }
    }

    @Test
    void garbageIsRefused() {
        assertThatThrownBy(() -> NodeReportCodec.decode("{not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeReportCodec.decode("{\"identity\":{}}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void adminCommandsAndTheirAnswers() {
        AdminCommand kick = new AdminCommand("c1", AdminCommand.KICK, "acme", "a/b", "alice");
        assertThat(AdminCommand.decode(kick.encode())).isEqualTo(kick);
        ActionResult result = AdminCommand.decodeResult(AdminCommand.encodeResult(ActionResult.notFound("no peer x")));
        assertThat(result).isEqualTo(ActionResult.notFound("no peer x"));
        assertThatThrownBy(() -> AdminCommand.decode("{}")).isInstanceOf(IllegalArgumentException.class);
    }
}
