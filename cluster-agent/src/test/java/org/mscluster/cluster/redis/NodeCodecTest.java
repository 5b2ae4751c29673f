package org.mscluster.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.WorkerLoad;

class NodeCodecTest {
    @Test
    void identityRoundTripsWithStateKeptApart() {
        NodeIdentity id = NodeIdentity.builder("n-1").name("Shanghai 1").region("asia/cn/east").isp("telecom")
                .signalingUrl("wss://sh1.example.com/").announcedIps(List.of("203.0.113.5", "2001:db8::5"))
                .namespaces("a", "b").priority(7).state(NodeState.DRAINING).build();
        String json = NodeCodec.identity(id);
        assertThat(json).doesNotContain("DRAINING");
        assertThat(NodeCodec.identity(json, "DRAINING")).isEqualTo(id);
        assertThat(NodeCodec.identity(json, null).state()).isEqualTo(NodeState.UP);
    }

    @Test
    void loadRoundTrips() {
        NodeLoad load = new NodeLoad(0.5, 0.25, 1_000, 2_000, 0.75,
                List.of(new WorkerLoad(0, 1, 2, 3, 4, 0.5), new WorkerLoad(1, 5, 6, 7, 8, 0.25)),
                Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(NodeCodec.load(NodeCodec.load(load))).isEqualTo(load);
    }

    @Test
    void toleratesFieldsFromOtherVersions() {
        NodeIdentity id = NodeCodec.identity(
                "{\"id\":\"n\",\"signalingUrl\":\"ws://h:1/\",\"futureField\":{\"x\":1}}", "UP");
        assertThat(id.namespaces()).containsExactly("*");
        assertThat(id.priority()).isZero();
        NodeLoad load = NodeCodec.load("{\"cpu\":0.1,\"gpu\":0.9}");
        assertThat(load.cpu()).isEqualTo(0.1);
        assertThat(load.workers()).isEmpty();
    }
}
