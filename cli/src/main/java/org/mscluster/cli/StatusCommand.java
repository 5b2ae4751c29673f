package org.mscluster.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.ClusterStoreException;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.WorkerLoad;
import org.mscluster.cluster.redis.RedisUrl;
import org.mscluster.cluster.registry.NodeRegistry;
import org.mscluster.cluster.status.ClusterStatus;
import org.mscluster.cluster.status.NodeStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mscluster status}: the live nodes with their load, and the rooms with their node and worker. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Live nodes (identity, state, load) and rooms (node, worker) from the cluster's Redis, as tables or JSON.")
final class StatusCommand implements Callable<Integer> {
    /** Exit status when the cluster's Redis cannot be read. */
    static final int UNREACHABLE = 1;

    @Spec
    CommandSpec spec;

    @Option(names = "--redis", defaultValue = "redis://127.0.0.1:6379",
            description = "the cluster's Redis URL (default ${DEFAULT-VALUE})")
    String redis;

    @Option(names = "--key-prefix", defaultValue = ClusterStore.DEFAULT_KEY_PREFIX,
            description = "prefix of the cluster's Redis keys (default ${DEFAULT-VALUE})")
    String keyPrefix;

    @Option(names = "--json", description = "print one JSON object instead of tables")
    boolean json;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RedisUrl url;
        try {
            url = RedisUrl.parse(redis);
        } catch (IllegalArgumentException e) {
            err.println("mscluster: invalid --redis URL: " + e.getMessage());
            err.flush();
            return picocli.CommandLine.ExitCode.USAGE;
        }
        List<NodeStatus> nodes;
        try (ClusterStore store = ClusterStore.redis(url, keyPrefix, 2, Clock.systemUTC())) {
            nodes = new ClusterStatus(store.registry(), store.directory()).snapshot();
        } catch (ClusterStoreException e) {
            err.println("mscluster: cannot read the cluster from Redis at " + url + ": " + rootMessage(e));
            err.flush();
            return UNREACHABLE;
        }
        out.print(json ? Json.write(toJson(url, nodes)) + "\n" : tables(nodes));
        out.flush();
        return 0;
    }

    /**
     * The innermost cause's message, with the socket error the Redis client attaches as a suppressed exception
     * ("Failed to connect to 127.0.0.1:1." hides "Connection refused").
     */
    static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String m = cause.getMessage();
        m = m == null || m.isBlank() ? cause.getClass().getSimpleName() : m.replaceFirst("\\.$", "");
        for (Throwable s : cause.getSuppressed()) {
            if (s.getMessage() != null && !s.getMessage().isBlank()) {
                return m + ": " + s.getMessage();
            }
        }
        return m;
    }

    /** Both tables, each under a title with its row count; media hosts in a third when there are any. */
    static String tables(List<NodeStatus> members) {
        List<NodeStatus> nodes = members.stream().filter(s -> !s.node().identity().isMediaHost()).toList();
        List<NodeStatus> mediaHosts = members.stream().filter(s -> s.node().identity().isMediaHost()).toList();
        TextTable nodeTable = new TextTable("ID", "NAME", "REGION", "ISP", "STATE", "CPU", "MEM", "WORKERS", "ROOMS", "PEERS")
                .alignRight(5, 6, 7, 8, 9);
        for (NodeStatus s : sortedById(nodes)) {
            NodeIdentity id = s.node().identity();
            NodeLoad load = s.node().load();
            nodeTable.row(id.id(), id.name(), id.region(), id.isp(), id.state().name().toLowerCase(Locale.ROOT),
                    percent(load.cpu()), percent(load.memory()), load.workers().size(), s.rooms().size(), load.peers());
        }
        TextTable roomTable = new TextTable("NAMESPACE", "ROOM", "NODE", "WORKER").alignRight(3);
        for (Room r : rooms(nodes)) {
            roomTable.row(r.room().namespace(), r.room().roomId(), r.nodeId(), r.worker());
        }
        StringBuilder out = new StringBuilder();
        out.append("NODES (").append(nodeTable.rowCount()).append(")\n");
        out.append(nodeTable.rowCount() == 0 ? "no live nodes\n" : nodeTable.render());
        out.append('\n');
        out.append("ROOMS (").append(roomTable.rowCount()).append(")\n");
        out.append(roomTable.rowCount() == 0 ? "no rooms\n" : roomTable.render());
        if (!mediaHosts.isEmpty()) {
            TextTable hostTable = new TextTable("ID", "NAME", "ADDRESS", "REGION", "CPU", "MEM", "WORKERS", "USED BY")
                    .alignRight(4, 5, 6);
            for (NodeStatus s : sortedById(mediaHosts)) {
                NodeIdentity id = s.node().identity();
                NodeLoad load = s.node().load();
                long busy = load.workers().stream().filter(w -> w.pid() > 0).count();
                hostTable.row(id.id(), id.name(), id.mediaHostAddress(), id.region(), percent(load.cpu()), percent(load.memory()),
                        busy + "/" + load.workers().size(), String.join(",", usersOf(id.id(), nodes)));
            }
            out.append('\n');
            out.append("MEDIA HOSTS (").append(hostTable.rowCount()).append(")\n");
            out.append(hostTable.render());
        }
        return out.toString();
    }

    /** The nodes with a worker on media host {@code hostId}. */
    private static List<String> usersOf(String hostId, List<NodeStatus> nodes) {
        return nodes.stream().filter(n -> n.node().load().workers().stream().anyMatch(w -> hostId.equals(w.mediaHost())))
                .map(n -> n.node().id()).sorted().toList();
    }

    static Map<String, Object> toJson(RedisUrl url, List<NodeStatus> members) {
        List<NodeStatus> nodes = members.stream().filter(s -> !s.node().identity().isMediaHost()).toList();
        List<Map<String, Object>> hostList = new ArrayList<>();
        for (NodeStatus s : sortedById(members)) {
            NodeIdentity id = s.node().identity();
            if (!id.isMediaHost()) {
                continue;
            }
            Map<String, Object> h = new LinkedHashMap<>();
            h.put("id", id.id());
            h.put("name", id.name());
            h.put("address", id.mediaHostAddress());
            h.put("region", id.region().toString());
            h.put("isp", id.isp());
            h.put("cpu", s.node().load().cpu());
            h.put("memory", s.node().load().memory());
            h.put("workers", s.node().load().workers().size());
            h.put("workersInUse", s.node().load().workers().stream().filter(w -> w.pid() > 0).count());
            h.put("usedBy", usersOf(id.id(), nodes));
            h.put("reportedAt", s.node().load().reportedAt().toString());
            hostList.add(h);
        }
        List<Map<String, Object>> nodeList = new ArrayList<>();
        for (NodeStatus s : sortedById(nodes)) {
            NodeIdentity id = s.node().identity();
            NodeLoad load = s.node().load();
            Map<String, Object> n = new LinkedHashMap<>();
            n.put("id", id.id());
            n.put("name", id.name());
            n.put("region", id.region().toString());
            n.put("isp", id.isp());
            n.put("state", id.state().name().toLowerCase(Locale.ROOT));
            n.put("signalingUrl", id.signalingUrl());
            n.put("announcedIps", id.announcedIps());
            n.put("namespaces", id.namespaces());
            n.put("priority", id.priority());
            n.put("cpu", load.cpu());
            n.put("memory", load.memory());
            n.put("disk", load.disk());
            n.put("networkInBytesPerSecond", load.networkInBytesPerSecond());
            n.put("networkOutBytesPerSecond", load.networkOutBytesPerSecond());
            n.put("rooms", s.rooms().size());
            n.put("peers", load.peers());
            n.put("producers", load.producers());
            n.put("consumers", load.consumers());
            List<Map<String, Object>> workers = new ArrayList<>();
            for (WorkerLoad w : load.workers()) {
                Map<String, Object> wm = new LinkedHashMap<>();
                wm.put("index", w.index());
                wm.put("rooms", w.rooms());
                wm.put("peers", w.peers());
                wm.put("producers", w.producers());
                wm.put("consumers", w.consumers());
                wm.put("cpu", w.cpu());
                if (w.mediaHost() != null) {
                    wm.put("mediaHost", w.mediaHost());
                }
                workers.add(wm);
            }
            n.put("workers", workers);
            n.put("reportedAt", load.reportedAt().toString());
            nodeList.add(n);
        }
        List<Map<String, Object>> roomList = new ArrayList<>();
        for (Room r : rooms(nodes)) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("namespace", r.room().namespace());
            m.put("room", r.room().roomId());
            m.put("node", r.nodeId());
            m.put("worker", r.worker());
            roomList.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("redis", url.toString());
        out.put("nodes", nodeList);
        out.put("rooms", roomList);
        out.put("mediaHosts", hostList);
        return out;
    }

    private record Room(RoomKey room, String nodeId, int worker) {}

    private static List<NodeStatus> sortedById(List<NodeStatus> nodes) {
        return nodes.stream().sorted(Comparator.comparing(s -> s.node().id())).toList();
    }

    /** Every room of every node, by namespace and room id. */
    private static List<Room> rooms(List<NodeStatus> nodes) {
        List<Room> rooms = new ArrayList<>();
        for (NodeStatus s : nodes) {
            s.rooms().forEach((room, worker) -> rooms.add(new Room(room, s.node().id(), worker)));
        }
        rooms.sort(Comparator.comparing((Room r) -> r.room().namespace()).thenComparing(r -> r.room().roomId()));
        return rooms;
    }

    private static String percent(double fraction) {
        return Math.round(fraction * 100) + "%";
    }
}
