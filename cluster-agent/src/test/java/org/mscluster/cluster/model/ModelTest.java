package org.mscluster.cluster.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTest {
    @Test
    void roomKeysEncodeUnambiguously() {
        RoomKey k = new RoomKey("tenant-1", "room:with:colons");
        assertThat(k.encoded()).isEqualTo("tenant-1:room:with:colons");
        assertThat(RoomKey.decode(k.encoded())).isEqualTo(k);
    }

    @Test
    void roomKeysDefaultTheNamespace() {
        assertThat(RoomKey.of(null, "r").namespace()).isEqualTo("default");
        assertThat(RoomKey.of("", "r").namespace()).isEqualTo("default");
    }

    @Test
    void namespacesAndNodeIdsCannotContainSeparators() {
        assertThatThrownBy(() -> new RoomKey("a:b", "r")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RoomKey("a/b", "r")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RoomKey("ok", "")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RoomKey("ok", "bad\nid")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeIdentity.builder("node 1").build()).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void identityNormalisesAndValidates() {
        NodeIdentity n = NodeIdentity.builder("n1").isp(" Telecom ").namespaces("b", "a").build();
        assertThat(n.isp()).isEqualTo("telecom");
        assertThat(n.name()).isEqualTo("n1");
        assertThat(n.namespaces()).containsExactly("a", "b");
        assertThat(n.serves("a")).isTrue();
        assertThat(n.serves("c")).isFalse();
        assertThat(n.withState(NodeState.DRAINING).state()).isEqualTo(NodeState.DRAINING);
        assertThatThrownBy(() -> NodeIdentity.builder("n").signalingUrl("not a url").build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeIdentity.builder("n").namespaces(java.util.Set.of()).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loadClampsUtilisationAndSumsWorkers() {
        NodeLoad l = new NodeLoad(HostLoad.of(Double.NaN, 1.2, 10, 20, -0.1), List.of(WorkerLoad.of(1, 2, 3, 4, 5, 0.5), WorkerLoad.of(0, 1, 1, 1, 1, 0.1)), Instant.EPOCH);
        assertThat(l.cpu()).isZero();
        assertThat(l.memory()).isEqualTo(1.0);
        assertThat(l.disk()).isZero();
        assertThat(l.workers()).extracting(WorkerLoad::index).containsExactly(0, 1);
        assertThat(l.rooms()).isEqualTo(3);
        assertThat(l.peers()).isEqualTo(4);
        assertThat(l.producers()).isEqualTo(5);
        assertThat(l.consumers()).isEqualTo(6);
        assertThat(l.networkBytesPerSecond()).isEqualTo(30);
    }

    @Test
    void roomCountsIgnoreNegativeDrift() {
        RoomCounts c = new RoomCounts(java.util.Map.of(0, 2, 1, -1));
        assertThat(c.total()).isEqualTo(2);
        assertThat(c.forWorker(1)).isZero();
        assertThat(c.forWorker(7)).isZero();
    }

    @Test
    void placementsCompareTargets() {
        RoomKey r = new RoomKey("a", "b");
        assertThat(new RoomPlacement(r, "n", 1, Instant.EPOCH).sameTarget(new RoomPlacement(r, "n", 1, Instant.now())))
                .isTrue();
        assertThat(new RoomPlacement(r, "n", 1, Instant.EPOCH).sameTarget(new RoomPlacement(r, "n", 2, Instant.EPOCH)))
                .isFalse();
    }
}
