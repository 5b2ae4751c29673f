package org.mscluster.signaling.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.testing.FakeClock;

class DirectoryReconcilerTest {

    private static final RoomKey R1 = RoomKey.of("acme", "r1");
    private static final RoomKey R2 = RoomKey.of("acme", "r2");

    private final FakeClock clock = new FakeClock();
    private final ClusterStore store = ClusterStore.inMemory(clock);
    private final Map<RoomKey, Integer> own = new HashMap<>();
    private final Set<RoomKey> opening = new HashSet<>();
    private final Set<RoomKey> split = new HashSet<>();
    private DirectoryReconciler reconciler;

    @BeforeEach
    void register() {
        for (String id : new String[] {"self", "other"}) {
            store.registry().register(NodeReport.idle(NodeIdentity.builder(id).signalingUrl("ws://" + id + ":4443/").build(), 2, clock.instant()));
        }
        reconciler = new DirectoryReconciler("self", store.directory(), () -> Map.copyOf(own), opening::contains, split::addAll,
                Duration.ofSeconds(30), clock);
    }

    @Test
    void aRoomOpenHereWithoutItsEntryIsReasserted() {
        own.put(R1, 1);
        reconciler.reconcile();
        assertThat(store.directory().lookup(R1)).map(RoomPlacement::nodeId).contains("self");
        assertThat(store.directory().lookup(R1)).map(RoomPlacement::workerIndex).contains(1);
        assertThat(split).isEmpty();
    }

    @Test
    void aRoomAnotherNodeHoldsIsReportedSplit() {
        store.directory().claim(new RoomPlacement(R1, "other", 0, Instant.now()));
        own.put(R1, 1);
        reconciler.reconcile();
        assertThat(split).containsExactly(R1);
        assertThat(store.directory().lookup(R1)).map(RoomPlacement::nodeId).contains("other");
    }

    @Test
    void anEntryNeverOpenedHereIsReleasedAfterTheGracePeriodOnly() {
        store.directory().claim(new RoomPlacement(R1, "self", 0, clock.instant()));
        store.directory().claim(new RoomPlacement(R2, "self", 1, clock.instant()));
        opening.add(R2);
        reconciler.reconcile();
        clock.advance(Duration.ofSeconds(29));
        reconciler.reconcile();
        assertThat(store.directory().lookup(R1)).isPresent();
        clock.advance(Duration.ofSeconds(1));
        reconciler.reconcile();
        assertThat(store.directory().lookup(R1)).isEmpty();
        assertThat(store.directory().lookup(R2)).as("a room being opened keeps its entry").isPresent();
    }

    @Test
    void anEntryThatComesIntoUseIsKept() {
        store.directory().claim(new RoomPlacement(R1, "self", 0, clock.instant()));
        reconciler.reconcile();
        clock.advance(Duration.ofSeconds(20));
        own.put(R1, 0);
        reconciler.reconcile();
        own.clear();
        clock.advance(Duration.ofSeconds(20));
        reconciler.reconcile();
        assertThat(store.directory().lookup(R1)).as("unused for 20 s only since it was last in use").isPresent();
    }
}
