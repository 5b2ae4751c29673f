package org.mscluster.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.HostLoad;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomSnapshot;
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
        assertThat(json).doesNotContain("egressOnly");
    }

    @Test
    void anEgressOnlyNodeSaysSo() {
        NodeIdentity id = NodeIdentity.builder("egress-1").egressOnly(true).build();
        assertThat(NodeCodec.identity(NodeCodec.identity(id), null)).isEqualTo(id);
        assertThat(NodeCodec.identityWithState(NodeCodec.identityWithState(id)).egressOnly()).isTrue();
    }

    @Test
    void loadRoundTrips() {
        NodeLoad load = new NodeLoad(new HostLoad(0.5, 0.25, 4_000, 16_000, 1_000, 2_000, 90_000, 80_000, 0.75, 3, 4),
                List.of(new WorkerLoad(0, 4242, true, 0.5, -1, 1, 2, 3, 4, 64_000, 128_000, 0), WorkerLoad.of(1, 5, 6, 7, 8, 0.25)),
                Instant.ofEpochMilli(1_700_000_000_123L));
        assertThat(NodeCodec.load(NodeCodec.load(load))).isEqualTo(load);
    }

    @Test
    void aBriefCarriesExactlyThePlacementFiguresOfALoad() {
        NodeLoad load = new NodeLoad(new HostLoad(0.123456789012, 0.25, 4_000, 16_000, 1_000, 2_000, 90_000, 80_000, 0.75, 3, 4),
                List.of(new WorkerLoad(0, 4242, true, 1.0 / 3, 123_456, 1, 2, 3, 4, 64_000, 128_000, 7, "host-a"),
                        new WorkerLoad(1, 4243, false, 0.0, -1, 5, 6, 7, 8, 0, 0, 0)),
                Instant.ofEpochMilli(1_700_000_000_123L));
        String brief = NodeCodec.brief(load);
        assertThat(NodeCodec.brief(brief)).isEqualTo(load.forPlacement());
        assertThat(brief.length()).isLessThan(NodeCodec.load(load).length() / 2);
        NodeLoad noWorkers = new NodeLoad(HostLoad.IDLE, List.of(), Instant.ofEpochMilli(5));
        assertThat(NodeCodec.brief(NodeCodec.brief(noWorkers))).isEqualTo(noWorkers);
    }

    @Test
    void aBriefOfAnotherFormatIsRefused() {
        String host = "b1;0,3fe0000000000000,0,1,2,3";
        assertThat(NodeCodec.brief(host)).isEqualTo(new NodeLoad(HostLoad.of(0, 0.5, 1, 2, 0), List.of(), Instant.ofEpochMilli(3)));
        assertThat(NodeCodec.brief(host + ";0,1,3fd0000000000000,1,2,3,4").workers())
                .containsExactly(new WorkerLoad(0, 0, true, 0.25, -1, 1, 2, 3, 4, 0, 0, 0));
        assertThatThrownBy(() -> NodeCodec.brief(host.replace("b1", "b2"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeCodec.brief("b1;0,0,0,1,2")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeCodec.brief(host + ";0,1,x,1,1,1,1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeCodec.brief(host + ";0,1,0,1,1,1,1,9")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeCodec.brief(host + ";0,1,0,1,1,1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeCodec.brief("{\"host\":{}}")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void roomsRoundTrip() {
        Instant at = Instant.ofEpochMilli(1_700_000_000_000L);
        List<RoomSnapshot> rooms = List.of(new RoomSnapshot(RoomKey.of("acme", "a/b"), 1, at, List.of(
                new RoomSnapshot.Peer("alice", "Alice", "eu/de", "telekom", true, at,
                        List.of(new RoomSnapshot.Producer("p1", "video", false)), 2, 1_000, 2_000,
                        List.of(new RoomSnapshot.TransportBytes("t1", 10, 20))))));
        assertThat(NodeCodec.rooms(NodeCodec.rooms(rooms))).isEqualTo(rooms);
        assertThat(NodeCodec.rooms(NodeCodec.packedRooms(rooms))).isEqualTo(rooms);
        assertThat(NodeCodec.rooms(NodeCodec.packedRooms(List.of()))).isEmpty();
        assertThat(NodeCodec.rooms("[]")).isEmpty();
        assertThat(NodeCodec.rooms((String) null)).isEmpty();
    }

    @Test
    void totalsRoundTripAndDamagedOnesAreRefused() {
        Instant at = Instant.ofEpochMilli(1_700_000_000_000L);
        List<RoomSnapshot> rooms = List.of(
                new RoomSnapshot(RoomKey.of("acme", "a"), 0, at, List.of(new RoomSnapshot.Peer("alice", "A", "eu/de", "", true, at,
                        List.of(new RoomSnapshot.Producer("p1", "video", false)), 2, 1_000, 2_000, List.of())),
                        List.of(new RoomSnapshot.Link("n2", 1, 2, 300, 400))),
                new RoomSnapshot(RoomKey.of("globex", "b"), 1, at, List.of(new RoomSnapshot.Peer("bob", "B", null, "", true, at,
                        List.of(), 0, 0, 0, List.of()))));
        java.util.Map<String, org.mscluster.cluster.model.RoomTotals> totals = org.mscluster.cluster.model.RoomTotals.byNamespace(rooms);
        assertThat(NodeCodec.totals(NodeCodec.totals(totals))).isEqualTo(totals);
        assertThat(NodeCodec.totals(NodeCodec.totals(java.util.Map.of()))).isEmpty();
        for (String damaged : List.of("", "[1]", "{\"acme\": 3}", "{\"acme\": null}", "null", "{")) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> NodeCodec.totals(damaged)).as(damaged)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** What a node stores is a fraction of the JSON, even with ids as random as mediasoup's. */
    @Test
    void packedRoomsAreAFractionOfTheJson() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(7);
        Instant at = Instant.ofEpochMilli(1_700_000_000_000L);
        List<RoomSnapshot> rooms = new java.util.ArrayList<>();
        for (int r = 0; r < 200; r++) {
            List<RoomSnapshot.Peer> peers = new java.util.ArrayList<>();
            for (int p = 0; p < 3; p++) {
                peers.add(new RoomSnapshot.Peer(Long.toString(random.nextLong(1L << 40), 36), "Peer " + p, "eu/de", "isp",
                        true, at.plusMillis(random.nextInt(100_000)),
                        List.of(new RoomSnapshot.Producer(uuid(random), "audio", false),
                                new RoomSnapshot.Producer(uuid(random), "video", false)),
                        4, random.nextInt(2_000_000), random.nextInt(2_000_000),
                        List.of(new RoomSnapshot.TransportBytes(uuid(random), random.nextLong(1L << 32), random.nextLong(1L << 32)),
                                new RoomSnapshot.TransportBytes(uuid(random), random.nextLong(1L << 32), random.nextLong(1L << 32)))));
            }
            rooms.add(new RoomSnapshot(RoomKey.of("acme", "room-" + r), r % 4, at, peers));
        }
        String json = NodeCodec.rooms(rooms);
        String packed = NodeCodec.packedRooms(rooms);
        assertThat(NodeCodec.rooms(packed)).isEqualTo(rooms);
        assertThat(packed.length()).isLessThan(json.length() / 2);
    }

    private static String uuid(java.util.SplittableRandom random) {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }

    @Test
    void damagedPackedRoomsAreRefused() {
        assertThatThrownBy(() -> NodeCodec.rooms("{not json")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> NodeCodec.rooms("bm90IGRlZmxhdGVk")).isInstanceOf(IllegalArgumentException.class);
        String packed = NodeCodec.packedRooms(List.of());
        assertThatThrownBy(() -> NodeCodec.rooms(packed.substring(0, packed.length() / 2)))
                .isInstanceOf(IllegalArgumentException.class);
        // Deflated zeros: tiny stored, far past the bound once inflated.
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION);
        deflater.setInput(new byte[NodeCodec.MAX_ROOMS_JSON_BYTES + 1]);
        deflater.finish();
        byte[] bomb = new byte[1 << 20];
        int n = deflater.deflate(bomb);
        deflater.end();
        String stored = java.util.Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(bomb, n));
        assertThat(stored.length()).isLessThan(200_000);
        assertThatThrownBy(() -> NodeCodec.rooms(stored)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("inflates past");
    }

    @Test
    void identityWithStateRoundTrips() {
        NodeIdentity id = NodeIdentity.builder("n1").region("eu/de").state(NodeState.DRAINING).build();
        assertThat(NodeCodec.identityWithState(NodeCodec.identityWithState(id))).isEqualTo(id);
    }

    @Test
    void toleratesFieldsFromOtherVersions() {
        NodeIdentity id = NodeCodec.identity(
                "{\"id\":\"n\",\"signalingUrl\":\"ws://h:1/\",\"futureField\":{\"x\":1}}", "UP");
        assertThat(id.namespaces()).containsExactly("*");
        assertThat(id.priority()).isZero();
        NodeLoad load = NodeCodec.load("{\"host\":{\"cpu\":0.1,\"gpu\":0.9},\"workers\":[{\"index\":2,\"rooms\":3,"
                + "\"tpu\":1}],\"reportedAt\":5,\"future\":[]}");
        assertThat(load.cpu()).isEqualTo(0.1);
        assertThat(load.workers()).singleElement().satisfies(w -> {
            assertThat(w.index()).isEqualTo(2);
            assertThat(w.rooms()).isEqualTo(3);
        });
    }
}
