package org.mscluster.cluster.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeSnapshot;
import org.mscluster.cluster.testing.FakeClock;
import org.mscluster.cluster.testing.Nodes;

class InMemoryNodeRegistryTest extends NodeRegistryContract {
    private final FakeClock clock = new FakeClock();
    private final InMemoryNodeRegistry registry = new InMemoryNodeRegistry(clock);

    @Override
    protected NodeRegistry registry() {
        return registry;
    }

    @Test
    void aNodeThatStopsRefreshingDropsOutWhenItsLeaseEnds() {
        registry.register(new NodeReport(EAST, load(0.1), List.of()));
        registry.register(new NodeReport(NORTH, load(0.1), List.of()));
        for (int second = 0; second < 10; second++) {
            clock.advance(Duration.ofSeconds(1));
            assertThat(registry.refresh(Nodes.report("north-1", load(0.1)))).isTrue();
        }
        // east-1 stopped 10 s ago; the default lease is 3 s.
        assertThat(registry.liveNodes()).extracting(NodeSnapshot::id).containsExactly("north-1");
        assertThat(registry.find("east-1")).isEmpty();
        assertThat(registry.sweepDeparted()).containsExactly("east-1");
    }

    @Test
    void theLeaseBoundaryIsExact() {
        registry.register(new NodeReport(EAST, load(0.1), List.of()));
        clock.advance(Duration.ofMillis(2_999));
        assertThat(registry.isLive("east-1")).isTrue();
        clock.advance(Duration.ofMillis(1));
        assertThat(registry.isLive("east-1")).isFalse();
        assertThat(registry.refresh(Nodes.report("east-1", load(0.1)))).isFalse();
        assertThat(registry.setState("east-1", org.mscluster.cluster.model.NodeState.DRAINING)).isFalse();
    }

    @Test
    void refreshExtendsTheLease() {
        registry.register(new NodeReport(EAST, load(0.1), List.of()));
        clock.advance(Duration.ofMillis(2_500));
        registry.refresh(Nodes.report("east-1", load(0.1)));
        clock.advance(Duration.ofMillis(2_500));
        assertThat(registry.isLive("east-1")).isTrue();
    }

    @Test
    void theExpiryIsConfigurable() {
        var shortLease = new InMemoryNodeRegistry(clock, Duration.ofMillis(500));
        shortLease.register(new NodeReport(EAST, load(0.1), List.of()));
        clock.advance(Duration.ofMillis(600));
        assertThat(shortLease.liveNodes()).isEmpty();
        assertThat(shortLease.expiry()).isEqualTo(Duration.ofMillis(500));
    }
}
