package org.mscluster.cluster.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.registry.InMemoryNodeRegistry;
import org.mscluster.cluster.registry.NodeRegistry;
import org.mscluster.cluster.testing.FakeClock;
import org.mscluster.cluster.testing.Nodes;

class InMemoryRoomDirectoryTest extends RoomDirectoryContract {
    private final FakeClock clock = new FakeClock();
    private final InMemoryNodeRegistry registry = new InMemoryNodeRegistry(clock);
    private final InMemoryRoomDirectory directory = new InMemoryRoomDirectory(registry, clock);

    @Override
    protected NodeRegistry registry() {
        return registry;
    }

    @Override
    protected RoomDirectory directory() {
        return directory;
    }

    @Test
    void aNodeWhoseLeaseRanOutLosesItsRoomsToTheNextClaim() {
        live("n1", "n2");
        directory.claim(on("n1", 0));
        clock.advance(Duration.ofSeconds(2));
        registry.refresh(Nodes.report("n2", org.mscluster.cluster.testing.Nodes.idle(1)));
        clock.advance(Duration.ofSeconds(2)); // n1 silent for 4 s: gone; n2 refreshed 2 s ago
        assertThat(directory.claim(on("n2", 1)).won()).isTrue();
    }
}
