package org.mscluster.signaling.dashboard;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mscluster.cluster.model.HostLoad;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomSnapshot;
import org.mscluster.cluster.model.WorkerLoad;
import org.mscluster.signaling.admin.ClusterSource;

/**
 * A made-up cluster that changes every second: nodes in several regions, rooms that open and close,
 * peers that come and go, bitrates that wander. For looking at the dashboard and measuring its feed
 * without running workers.
 */
public final class SimulatedCluster implements ClusterSource {

    private static final String[][] REGIONS = {
            {"asia/cn/east", "telecom"}, {"asia/cn/north", "unicom"}, {"asia/sg", "singtel"}, {"eu/de/fra", "dtag"},
            {"eu/fr/par", "orange"}, {"us/east", "comcast"}, {"us/west", "att"}};
    private static final String[] NAMESPACES = {"acme", "globex", "initech"};
    private static final String[] NAMES = {"Ada", "Grace", "Linus", "Barbara", "Ken", "Radia", "Dennis", "Margaret", "Alan",
            "Frances", "Edsger", "Hedy", "Tim", "Katherine", "Guido", "Anita"};

    private final Random random = new Random(7);
    private final Clock clock;
    private final List<SimNode> nodes = new ArrayList<>();
    private int nextRoom;
    private int nextPeer;

    private final class SimNode {
        final NodeIdentity identity;
        final int workers;
        final List<SimRoom> rooms = new ArrayList<>();
        double cpu = 0.2 + random.nextDouble() * 0.4;

        SimNode(NodeIdentity identity, int workers) {
            this.identity = identity;
            this.workers = workers;
        }
    }

    private final class SimRoom {
        final RoomKey key;
        final int worker;
        final Instant created;
        final List<RoomSnapshot.Peer> peers = new ArrayList<>();

        SimRoom(RoomKey key, int worker, Instant created) {
            this.key = key;
            this.worker = worker;
            this.created = created;
        }
    }

    public SimulatedCluster(int nodeCount, Clock clock) {
        this.clock = clock;
        for (int i = 0; i < nodeCount; i++) {
            String[] region = REGIONS[i % REGIONS.length];
            NodeIdentity identity = NodeIdentity.builder(String.format("media-%02d", i + 1))
                    .name(String.format("%s-%02d", region[0].replace('/', '-'), i / REGIONS.length + 1))
                    .region(region[0]).isp(region[1])
                    .signalingUrl("wss://10.0." + (i / 250) + "." + (i % 250 + 10) + ":4443/")
                    .announcedIps(List.of("203.0.113." + (i % 250 + 10)))
                    .namespaces(i % 5 == 4 ? Set.of("acme") : Set.of("*"))
                    .priority(i % 3 == 0 ? 10 : 0)
                    .state(NodeState.UP)
                    .build();
            nodes.add(new SimNode(identity, 4 + (i % 3) * 2));
        }
        for (int i = 0; i < nodeCount * 3; i++) {
            step();
        }
    }

    /** One second of life. */
    public synchronized void step() {
        Instant now = clock.instant();
        for (SimNode node : nodes) {
            if (node.rooms.size() < 6 && random.nextDouble() < 0.25) {
                String ns = node.identity.isDedicated() ? "acme" : NAMESPACES[random.nextInt(NAMESPACES.length)];
                node.rooms.add(new SimRoom(RoomKey.of(ns, "room-" + (++nextRoom)), random.nextInt(node.workers), now));
            }
            for (SimRoom room : node.rooms) {
                if (room.peers.size() < 9 && random.nextDouble() < 0.3) {
                    String name = NAMES[random.nextInt(NAMES.length)];
                    String[] region = REGIONS[random.nextInt(REGIONS.length)];
                    boolean sameRegion = random.nextDouble() < 0.7;
                    int producers = 1 + random.nextInt(2);
                    List<RoomSnapshot.Producer> list = new ArrayList<>();
                    for (int p = 0; p < producers; p++) {
                        list.add(new RoomSnapshot.Producer("p" + nextPeer + "-" + p, p == 0 ? "audio" : "video", false));
                    }
                    room.peers.add(new RoomSnapshot.Peer("peer-" + (++nextPeer), name, sameRegion
                            ? node.identity.region().toString() : region[0], sameRegion ? node.identity.isp() : region[1], true, now,
                            list, 0, 0, 0, List.of()));
                } else if (!room.peers.isEmpty() && random.nextDouble() < 0.12) {
                    room.peers.remove(random.nextInt(room.peers.size()));
                }
            }
            node.rooms.removeIf(room -> room.peers.isEmpty() && room.created.isBefore(now.minusSeconds(20)));
            node.cpu = Math.max(0.05, Math.min(0.95, node.cpu + (random.nextDouble() - 0.5) * 0.06));
        }
    }

    @Override
    public synchronized CompletionStage<List<NodeReport>> reports() {
        Instant now = clock.instant();
        List<NodeReport> out = new ArrayList<>();
        for (SimNode node : nodes) {
            List<RoomSnapshot> rooms = new ArrayList<>();
            for (SimRoom room : node.rooms) {
                int others = room.peers.size() - 1;
                List<RoomSnapshot.Peer> peers = room.peers.stream().map(p -> {
                    long in = p.producers().stream().mapToLong(pr -> pr.kind().equals("video") ? 600_000 + random.nextInt(300_000)
                            : 32_000 + random.nextInt(8_000)).sum();
                    int consumers = Math.max(0, others) * 2;
                    long out2 = Math.max(0, others) * (450_000L + random.nextInt(200_000));
                    return new RoomSnapshot.Peer(p.id(), p.displayName(), p.region(), p.isp(), true, p.joinedAt(), p.producers(),
                            consumers, in, out2, List.of());
                }).toList();
                rooms.add(new RoomSnapshot(room.key, room.worker, room.created, peers));
            }
            List<WorkerLoad> workers = new ArrayList<>();
            for (int w = 0; w < node.workers; w++) {
                workers.add(new WorkerLoad(w, 1000 + w, true, Math.min(1, node.cpu * (0.6 + random.nextDouble() * 0.8)), -1,
                        0, 0, 0, 0, 0, 0, 0).countedOver(rooms));
            }
            long in = rooms.stream().mapToLong(RoomSnapshot::bitrateIn).sum() / 8;
            long outBytes = rooms.stream().mapToLong(RoomSnapshot::bitrateOut).sum() / 8;
            HostLoad host = new HostLoad(node.cpu, 0.35 + node.cpu * 0.3, (long) ((0.35 + node.cpu * 0.3) * 32e9), 32_000_000_000L,
                    in, outBytes, 0, 0, 0.42, 200_000_000_000L, 480_000_000_000L);
            out.add(new NodeReport(node.identity, new NodeLoad(host, workers, now), rooms));
        }
        return CompletableFuture.completedFuture(out);
    }

    /** Marks a node draining (the dashboard shows it). */
    public synchronized void drain(String nodeId) {
        for (int i = 0; i < nodes.size(); i++) {
            SimNode node = nodes.get(i);
            if (node.identity.id().equals(nodeId)) {
                SimNode drained = new SimNode(node.identity.withState(NodeState.DRAINING), node.workers);
                drained.rooms.addAll(node.rooms);
                nodes.set(i, drained);
            }
        }
    }
}
