package org.mscluster.signaling.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.model.HostLoad;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomSnapshot;
import org.mscluster.cluster.model.WorkerLoad;
import org.mscluster.signaling.json.Json;

/**
 * {@code /api/cluster} with a thousand nodes: sizes of the whole view, the summary and a page of
 * nodes. The test checks sizes only (deterministic); {@link #main} also times each build and write,
 * as a measurement: {@code java -cp … org.mscluster.signaling.admin.ClusterJsonScaleTest [nodes] [roomsPerNode] [peersPerRoom]}.
 */
class ClusterJsonScaleTest {

    private static final Instant NOW = Instant.parse("2026-11-25T12:00:00Z");
    private static final String[] REGIONS = {"asia/cn/east", "asia/cn/north", "europe/de/fra", "america/us/east"};
    private static final AdminScope OPERATOR = AdminScope.operator("ops");

    static List<NodeReport> cluster(int nodes, int roomsPerNode, int peersPerRoom) {
        List<NodeReport> out = new ArrayList<>(nodes);
        for (int n = 0; n < nodes; n++) {
            String id = String.format("node-%04d", n);
            List<RoomSnapshot> rooms = new ArrayList<>(roomsPerNode);
            for (int r = 0; r < roomsPerNode; r++) {
                RoomKey key = RoomKey.of("acme", id + "-room-" + r);
                List<RoomSnapshot.Peer> peers = new ArrayList<>();
                for (int p = 0; p < peersPerRoom; p++) {
                    String peer = key.roomId() + "-p" + p;
                    peers.add(new RoomSnapshot.Peer(peer, "Peer " + p, REGIONS[p % REGIONS.length] + "/city", "telecom", true,
                            NOW, List.of(new RoomSnapshot.Producer(peer + "-a", "audio", false),
                                    new RoomSnapshot.Producer(peer + "-v", "video", false)),
                            2, 600_000, 1_200_000, List.of()));
                }
                rooms.add(new RoomSnapshot(key, r % 4, NOW, peers));
            }
            List<WorkerLoad> workers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                workers.add(new WorkerLoad(w, 1000 + w, true, 0.3, 400L << 20, 0, 0, 0, 0, 0, 0, 0).countedOver(rooms));
            }
            NodeIdentity identity = NodeIdentity.builder(id).region(REGIONS[n % REGIONS.length]).isp("telecom")
                    .signalingUrl("wss://" + id + ".example.net:4443/").build();
            HostLoad host = new HostLoad(0.4, 0.5, 16L << 30, 32L << 30, 20_000_000, 30_000_000, 1L << 40, 1L << 40, 0.3,
                    300L << 30, 1L << 40);
            out.add(new NodeReport(identity, new NodeLoad(host, workers, NOW), rooms));
        }
        return out;
    }

    private static int bytes(Map<String, Object> json) {
        return Json.write(json).getBytes(StandardCharsets.UTF_8).length;
    }

    @Test
    void withAThousandNodesTheSummaryAndAPageAreSmallAndTheSummaryDoesNotGrowWithRooms() {
        List<NodeReport> reports = cluster(1_000, 10, 2);
        int full = bytes(ClusterJson.cluster(reports, OPERATOR, NOW));
        int summary = bytes(ClusterJson.summary(reports, OPERATOR, NOW));
        int page = bytes(ClusterJson.nodesPage(reports, OPERATOR, NOW, 0, AdminApi.DEFAULT_PAGE));
        assertThat(summary).isLessThan(full / 5);
        assertThat(page).isLessThan(full / 5);
        int summaryOfMoreRooms = bytes(ClusterJson.summary(cluster(1_000, 40, 2), OPERATOR, NOW));
        assertThat(summaryOfMoreRooms).isLessThan(summary + summary / 20); // only wider figures, no rooms
    }

    /** Times each view: build of the map, then its JSON text, the best of several runs after a warm-up. */
    public static void main(String[] args) {
        int nodes = args.length > 0 ? Integer.parseInt(args[0]) : 1_000;
        int roomsPerNode = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        int peersPerRoom = args.length > 2 ? Integer.parseInt(args[2]) : 2;
        List<NodeReport> reports = cluster(nodes, roomsPerNode, peersPerRoom);
        measure("full", () -> ClusterJson.cluster(ClusterJson.visible(reports, OPERATOR, null, null), OPERATOR, NOW));
        measure("summary", () -> ClusterJson.summary(ClusterJson.visible(reports, OPERATOR, null, null), OPERATOR, NOW));
        measure("page100", () -> ClusterJson.nodesPage(ClusterJson.visible(reports, OPERATOR, null, null), OPERATOR, NOW, 0,
                AdminApi.DEFAULT_PAGE));
    }

    private static void measure(String name, Supplier<Map<String, Object>> view) {
        long best = Long.MAX_VALUE;
        long bestBuild = 0;
        int size = 0;
        for (int run = 0; run < 30; run++) {
            long t0 = System.nanoTime();
            Map<String, Object> json = view.get();
            long t1 = System.nanoTime();
            size = Json.write(json).getBytes(StandardCharsets.UTF_8).length;
            long t2 = System.nanoTime();
            if (run >= 10 && t2 - t0 < best) {
                best = t2 - t0;
                bestBuild = t1 - t0;
            }
        }
        System.out.printf(Locale.ROOT, "{\"view\":\"%s\",\"bytes\":%d,\"buildMs\":%.2f,\"buildAndWriteMs\":%.2f}%n", name, size,
                bestBuild / 1e6, best / 1e6);
    }
}
