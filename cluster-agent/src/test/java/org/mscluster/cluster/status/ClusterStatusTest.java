package org.mscluster.cluster.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.directory.InMemoryRoomDirectory;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.registry.InMemoryNodeRegistry;
import org.mscluster.cluster.testing.FakeClock;
import org.mscluster.cluster.testing.Nodes;

class ClusterStatusTest {
    private final FakeClock clock = new FakeClock();
    private final InMemoryNodeRegistry registry = new InMemoryNodeRegistry(clock);
    private final InMemoryRoomDirectory directory = new InMemoryRoomDirectory(registry, clock);
    private final ClusterStatus status = new ClusterStatus(registry, directory);

    @Test
    void liveNodesWithTheirRoomsAndNamespacesKeptApart() {
        registry.register(new NodeReport(Nodes.identity("b", "x", ""), Nodes.idle(2), List.of()));
        registry.register(new NodeReport(Nodes.identity("a", "x", ""), Nodes.idle(2), List.of()));
        RoomKey a1 = new RoomKey("tenant-a", "r1");
        RoomKey b1 = new RoomKey("tenant-b", "r1");
        directory.claim(new RoomPlacement(a1, "a", 0, clock.instant()));
        directory.claim(new RoomPlacement(b1, "a", 1, clock.instant()));

        assertThat(status.snapshot()).extracting(s -> s.node().id()).containsExactly("a", "b");
        assertThat(status.snapshot().get(0).rooms()).isEqualTo(Map.of(a1, 0, b1, 1));
        assertThat(status.snapshot("tenant-a").get(0).rooms()).isEqualTo(Map.of(a1, 0));
        assertThat(status.snapshot("tenant-c").get(0).rooms()).isEmpty();

        clock.advance(Duration.ofSeconds(5));
        assertThat(status.snapshot()).isEmpty();
    }
}
