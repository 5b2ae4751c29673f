package org.mscluster.signaling.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.directory.InMemoryRoomDirectory;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.model.RoomSnapshot;
import org.mscluster.cluster.registry.InMemoryNodeRegistry;
import org.mscluster.cluster.testing.FakeClock;
import org.mscluster.cluster.testing.Nodes;

class StoreClusterSourceTest {
    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-05T00:00:00Z"));
    private final InMemoryNodeRegistry registry = new InMemoryNodeRegistry(clock);
    private final InMemoryRoomDirectory directory = new InMemoryRoomDirectory(registry, clock);
    private final StoreClusterSource source = new StoreClusterSource(registry, directory, Runnable::run);

    /** A question about one room reads the reports of the nodes holding it, not every node's. */
    @Test
    void reportsOfARoomAreThoseOfItsNodes() {
        RoomKey lobby = RoomKey.of("acme", "lobby");
        for (String id : List.of("a-1", "b-1", "c-1")) {
            registry.register(new NodeReport(Nodes.identity(id, "eu/de", "isp"), NodeLoad.idle(1, clock.instant()),
                    List.of(new RoomSnapshot(RoomKey.of("acme", "room-of-" + id), 0, clock.instant(), List.of()))));
        }
        directory.claim(new RoomPlacement(lobby, "b-1", 0, clock.instant()));

        assertThat(source.reportsOf(lobby).toCompletableFuture().join()).extracting(NodeReport::nodeId).containsExactly("b-1");
        assertThat(source.reportsOf(RoomKey.of("acme", "nowhere")).toCompletableFuture().join()).isEmpty();
        assertThat(source.reports().toCompletableFuture().join()).hasSize(3);
    }

    /** The summary view and the dashboard's history read the registry's summaries, never its reports. */
    @Test
    void summariesAreTheRegistrysNotItsReports() {
        java.util.concurrent.atomic.AtomicInteger reportsRead = new java.util.concurrent.atomic.AtomicInteger();
        // Every call goes to the in-memory registry; reads of whole reports are counted.
        org.mscluster.cluster.registry.NodeRegistry counting = (org.mscluster.cluster.registry.NodeRegistry)
                java.lang.reflect.Proxy.newProxyInstance(getClass().getClassLoader(),
                        new Class<?>[] {org.mscluster.cluster.registry.NodeRegistry.class}, (proxy, method, args) -> {
                            if (method.getName().equals("reports")) {
                                reportsRead.incrementAndGet();
                            }
                            if (method.getName().equals("summaries")) {
                                return registry.reports().stream().map(NodeReport::summary).toList();
                            }
                            try {
                                return method.invoke(registry, args);
                            } catch (java.lang.reflect.InvocationTargetException e) {
                                throw e.getCause();
                            }
                        });
        NodeReport report = new NodeReport(Nodes.identity("a-1", "eu/de", "isp"), NodeLoad.idle(1, clock.instant()),
                List.of(new RoomSnapshot(RoomKey.of("acme", "r"), 0, clock.instant(), List.of())));
        counting.register(report);
        StoreClusterSource store = new StoreClusterSource(counting, directory, Runnable::run);
        assertThat(store.summaries().toCompletableFuture().join()).containsExactly(report.summary());
        assertThat(reportsRead).hasValue(0);
    }
}
