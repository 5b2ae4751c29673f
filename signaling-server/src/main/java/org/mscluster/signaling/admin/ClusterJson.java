package org.mscluster.signaling.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.mscluster.cluster.model.HostLoad;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeLoad;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.NodeSummary;
import org.mscluster.cluster.model.RegionPath;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomSnapshot;
import org.mscluster.cluster.model.RoomTotals;
import org.mscluster.cluster.model.WorkerLoad;

/**
 * The JSON of {@code GET /api/cluster} (and of each dashboard update) and of {@code GET
 * /api/rooms/{namespace}/{roomId}}, cut to what an admin's scope may see: a namespace admin gets the
 * nodes that serve its namespace, only its rooms, and service figures counted over those rooms alone
 * (server figures are the shared machines', not another tenant's activity).
 *
 * <pre>{@code
 * {"time", "scope": {"operator": true|false, "namespace": "ns" (namespace admins)},
 *  "totals": {"nodes","nodesUp","nodesDraining","workers","rooms","peers","producers","consumers","egresses",
 *             "bitrateIn","bitrateOut","networkIn","networkOut","cpu","memory"},
 *  "regions": {"asia/cn": {"nodes","rooms","peers"}, ...},      // by the nodes' regions
 *  "peerRegions": {"asia/cn/east": 3, "": 1, ...},              // by the peers' own regions
 *  "namespaces": ["default", ...],
 *  "nodes": [{"id","name","region","isp","signalingUrl","ips","namespaces","priority","state",
 *             "egressOnly",   // true for an --egress-only node; absent otherwise
 *             "reportedAt",
 *             "server": {"cpu","memory","memoryUsedBytes","memoryTotalBytes","networkIn","networkOut","disk"},
 *             "service": {"workers","rooms","peers","producers","consumers","bitrateIn","bitrateOut"},
 *             "workers": [{"index","alive","cpu","memoryBytes","rooms","peers","producers","consumers",
 *                          "bitrateIn","bitrateOut","restarts"}],
 *             "rooms": [{"namespace","roomId","workerIndex","createdAt","producers","consumers","bitrateIn","bitrateOut",
 *                        "peers": [{"id","displayName","region","isp","joined","since","producers","consumers",
 *                                   "bitrateIn","bitrateOut"}],
 *                        "links": [{"nodeId","producersIn","producersOut","bitrateIn","bitrateOut"}],  // a leg whose
 *                                   // other legs are out of view (a node's own API); absent otherwise
 *                        "egresses": [{"egressId","type","status","target","startedAt","restarts"}]}],  // running ones;
 *                                   // absent when none
 *             "roomLegs": [{"namespace","roomId","listedOn","workerIndex","since","peers","producers","consumers",
 *                           "bitrateIn","bitrateOut"}]}],                   // only when the node has some
 *  "links": [{"nodeA","nodeB","rooms","producersAtoB","producersBtoA","bitrateAtoB","bitrateBtoA"}],
 *  "mediaHosts": [{"id","name","region","isp","address","registered","state","reportedAt",   // operators only
 *                  "server": {...as a node's...},
 *                  "workers": [{"slot","pid","busy","cpu","memoryBytes"}],
 *                  "usedBy": [{"node","workers": [index, ...]}]}]}
 * }</pre>
 * Nodes' workers that run on a media host carry its id as {@code "mediaHost"}. A media host appears
 * when it registered in the cluster ({@code mscluster media start --redis}) or when a node uses it
 * (then {@code "registered": false} and only what the nodes know of it).
 * Bitrates are bits per second, network rates bytes per second, cpu/memory/disk ratios 0..1.
 *
 * <h2>Rooms across nodes (cascade)</h2>
 * A room with a leg on several nodes is in several nodes' reports, one snapshot per leg; it is listed
 * and counted once, under the node of its oldest leg (the directory's entry, unless promoted since)
 * as {@code listedOn} names it. That room carries, besides the fields above (figures summed over its
 * legs, {@code workerIndex} and {@code createdAt} of the oldest leg), its peers from every leg, each
 * with its {@code "nodeId"}, and
 * <pre>{@code
 *  "legs": [{"nodeId","nodeName","region","workerIndex","since","peers","producers","consumers","bitrateIn","bitrateOut",
 *            "links": [{"nodeId","producersIn","producersOut","bitrateIn","bitrateOut"}]}]   // oldest leg first
 * }</pre>
 * The other nodes list their legs of it in {@code roomLegs}; a node's {@code service} and workers keep
 * counting what the node itself serves (its legs are its rooms), while {@code totals.rooms} and
 * {@code regions.*.rooms} count each room once. {@code links} sums the pipes between each pair of
 * nodes ({@code nodeA < nodeB}) over their common rooms: producers piped and bits per second each way,
 * as either end reports them (the larger, when both do). Rooms whole on one node look exactly as
 * before and have no {@code legs}. A namespace admin's rooms, legs and links are its namespace's only.
 */
public final class ClusterJson {

    private ClusterJson() {
    }

    /** Reports cut to a scope and filters: nodes of {@code region} (a path prefix) and rooms of {@code namespace}. */
    public static List<NodeReport> visible(List<NodeReport> reports, AdminScope scope, String namespace, String region) {
        RegionPath within = region == null || region.isBlank() ? null : RegionPath.parse(region);
        List<NodeReport> out = new ArrayList<>();
        for (NodeReport report : reports) {
            NodeIdentity identity = report.identity();
            if (!scope.isOperator() && (identity.isMediaHost() || !identity.serves(scope.namespace()))) {
                continue;
            }
            if (within != null && !identity.region().isWithin(within)) {
                continue;
            }
            List<RoomSnapshot> rooms = report.rooms().stream()
                    .filter(r -> scope.sees(r.key().namespace()))
                    .filter(r -> namespace == null || namespace.isBlank() || r.key().namespace().equals(namespace))
                    .toList();
            out.add(new NodeReport(identity, new NodeLoad(report.host(),
                    report.workers().stream().map(w -> w.countedOver(rooms)).toList(), report.at()), rooms));
        }
        return out;
    }

    /** The whole view; {@code reports} already cut by {@link #visible}. */
    public static Map<String, Object> cluster(List<NodeReport> reports, AdminScope scope, Instant now) {
        // Media hosts are listed apart: they serve nodes, not clients, and count in no node total.
        List<NodeReport> nodes = reports.stream().filter(r -> !r.identity().isMediaHost()).toList();
        List<NodeSummary> summaries = reports.stream().map(NodeReport::summary).toList();
        Map<String, Object> json = header(summaries.stream().filter(n -> !n.identity().isMediaHost()).toList(), scope, now);
        Map<RoomKey, List<Leg>> legs = legsByRoom(nodes);
        json.put("nodes", nodes.stream().map(r -> node(r, legs)).toList());
        json.put("links", links(legs));
        if (scope.isOperator()) {
            json.put("mediaHosts", mediaHosts(summaries));
        }
        return json;
    }

    /**
     * {@code GET /api/cluster?view=summary}: the whole view's {@code totals}, {@code regions},
     * {@code peerRegions}, {@code namespaces}, {@code links} and {@code mediaHosts}, and each node with
     * its figures ({@code server}, {@code service}) but without {@code workers}, {@code rooms} and
     * {@code roomLegs}; plus {@code "view": "summary"}. Its size grows with the nodes, not with the
     * rooms: what a dashboard of a thousand nodes reads every update.
     */
    public static Map<String, Object> summary(List<NodeReport> reports, AdminScope scope, Instant now) {
        return summaryOf(reports.stream().map(NodeReport::summary).toList(), scope, now);
    }

    /**
     * {@link #summary} from the nodes' summaries ({@link #visibleSummaries} already applied): no room
     * list is needed. A room is counted once by the ids of the legs that pipe to other nodes; the
     * {@code links} between two nodes are, per direction, the larger of the two ends' sums over their
     * rooms (the whole view takes the larger figure room by room: the same while both ends agree).
     */
    public static Map<String, Object> summaryOf(List<NodeSummary> summaries, AdminScope scope, Instant now) {
        List<NodeSummary> nodes = summaries.stream().filter(r -> !r.identity().isMediaHost()).toList();
        Map<String, Object> json = header(nodes, scope, now);
        json.put("view", "summary");
        json.put("nodes", nodes.stream().map(ClusterJson::summaryNode).toList());
        json.put("links", links(nodes));
        if (scope.isOperator()) {
            json.put("mediaHosts", mediaHosts(summaries));
        }
        return json;
    }

    /** Summaries cut to a scope and filters, as {@link #visible} cuts reports. */
    public static List<NodeSummary> visibleSummaries(List<NodeSummary> summaries, AdminScope scope, String namespace,
            String region) {
        RegionPath within = region == null || region.isBlank() ? null : RegionPath.parse(region);
        boolean anyNamespace = namespace == null || namespace.isBlank();
        List<NodeSummary> out = new ArrayList<>();
        for (NodeSummary summary : summaries) {
            NodeIdentity identity = summary.identity();
            if (!scope.isOperator() && (identity.isMediaHost() || !identity.serves(scope.namespace()))) {
                continue;
            }
            if (within != null && !identity.region().isWithin(within)) {
                continue;
            }
            out.add(summary.within(ns -> scope.sees(ns) && (anyNamespace || ns.equals(namespace))));
        }
        return out;
    }

    /**
     * {@code GET /api/nodes?offset=&limit=}: one page of the whole view's {@code nodes}, each exactly
     * as there (workers, rooms, room legs), in node id order:
     * {@code {"time","scope","total","offset","limit","nodes":[...]}}; {@code total} counts the
     * nodes of every page. A room across nodes is listed under the same node as in the whole view.
     */
    public static Map<String, Object> nodesPage(List<NodeReport> reports, AdminScope scope, Instant now, int offset,
            int limit) {
        if (offset < 0 || limit < 1) {
            throw new IllegalArgumentException("offset must be >= 0 and limit >= 1");
        }
        List<NodeReport> nodes = reports.stream().filter(r -> !r.identity().isMediaHost()).toList();
        int from = Math.min(offset, nodes.size());
        int to = (int) Math.min(nodes.size(), (long) from + limit);
        return nodesPage(nodes.subList(from, to), nodes, nodes.size(), scope, now, offset, limit);
    }

    /**
     * {@link #nodesPage} from the page's reports alone, and those of the nodes their rooms pipe to (a room
     * across nodes is listed under its oldest leg, which may be on another page): what a dispatcher reads
     * for one page instead of every node's rooms.
     *
     * @param page the page's nodes, already {@link #visible cut}, in id order
     * @param around reports that may hold other legs of the page's rooms (the page's own may be among them)
     * @param total nodes on every page
     */
    public static Map<String, Object> nodesPage(List<NodeReport> page, List<NodeReport> around, int total, AdminScope scope,
            Instant now, int offset, int limit) {
        Map<String, NodeReport> known = new java.util.TreeMap<>();
        around.forEach(r -> known.put(r.nodeId(), r));
        page.forEach(r -> known.put(r.nodeId(), r));
        Map<RoomKey, List<Leg>> legs = legsByRoom(known.values().stream().filter(r -> !r.identity().isMediaHost()).toList());
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("time", now.toString());
        json.put("scope", scopeJson(scope));
        json.put("total", total);
        json.put("offset", offset);
        json.put("limit", limit);
        json.put("nodes", page.stream().map(r -> node(r, legs)).toList());
        return json;
    }

    /**
     * What every view starts with: time, scope, totals, regions, peer regions, namespaces; from the
     * nodes' summaries, so the whole view and the summary say the same.
     */
    private static Map<String, Object> header(List<NodeSummary> nodes, AdminScope scope, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("time", now.toString());
        json.put("scope", scopeJson(scope));
        json.put("totals", totals(nodes));
        json.put("regions", regions(nodes));
        json.put("peerRegions", peerRegions(nodes));
        json.put("namespaces", nodes.stream().flatMap(n -> n.namespaces().entrySet().stream())
                .filter(e -> e.getValue().rooms() > 0).map(Map.Entry::getKey).distinct().sorted().toList());
        return json;
    }

    private static Map<String, Object> scopeJson(AdminScope scope) {
        Map<String, Object> scopeJson = new LinkedHashMap<>();
        scopeJson.put("operator", scope.isOperator());
        scopeJson.put("namespace", scope.namespace());
        return scopeJson;
    }

    /** Registered media hosts, and those nodes use without their registering, each with the nodes using it. */
    private static List<Map<String, Object>> mediaHosts(List<NodeSummary> reports) {
        Map<String, Map<String, List<Integer>>> usedBy = new TreeMap<>();
        for (NodeSummary report : reports) {
            if (report.identity().isMediaHost()) {
                continue;
            }
            for (WorkerLoad w : report.load().workers()) {
                if (w.mediaHost() != null) {
                    usedBy.computeIfAbsent(w.mediaHost(), k -> new TreeMap<>())
                            .computeIfAbsent(report.identity().id(), k -> new ArrayList<>()).add(w.index());
                }
            }
        }
        List<Map<String, Object>> out = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (NodeSummary report : reports) {
            NodeIdentity id = report.identity();
            if (!id.isMediaHost()) {
                continue;
            }
            listed.add(id.id());
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", id.id());
            json.put("name", id.name());
            json.put("region", id.region().toString());
            json.put("isp", id.isp());
            json.put("address", id.mediaHostAddress());
            json.put("registered", true);
            json.put("state", id.state().name().toLowerCase(java.util.Locale.ROOT));
            json.put("reportedAt", report.at().toString());
            json.put("server", server(report.load().host()));
            json.put("workers", report.load().workers().stream().map(w -> {
                Map<String, Object> slot = new LinkedHashMap<>();
                slot.put("slot", w.index());
                slot.put("pid", w.pid());
                slot.put("busy", w.pid() > 0);
                slot.put("cpu", ratio(w.cpu()));
                slot.put("memoryBytes", w.memoryBytes() < 0 ? null : w.memoryBytes());
                return slot;
            }).toList());
            json.put("usedBy", usedByJson(usedBy.getOrDefault(id.id(), Map.of())));
            out.add(json);
        }
        usedBy.forEach((hostId, nodes) -> {
            if (!listed.contains(hostId)) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("id", hostId);
                json.put("registered", false);
                json.put("usedBy", usedByJson(nodes));
                out.add(json);
            }
        });
        return out;
    }

    private static List<Map<String, Object>> usedByJson(Map<String, List<Integer>> nodes) {
        List<Map<String, Object>> out = new ArrayList<>();
        nodes.forEach((node, workers) -> out.add(Map.of("node", node, "workers", workers)));
        return out;
    }

    private static Map<String, Object> totals(List<NodeSummary> nodes) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("nodes", nodes.size());
        t.put("nodesUp", nodes.stream().filter(r -> r.identity().state() == NodeState.UP).count());
        t.put("nodesDraining", nodes.stream().filter(r -> r.identity().state() == NodeState.DRAINING).count());
        t.put("workers", nodes.stream().mapToLong(r -> r.load().workers().stream().filter(WorkerLoad::alive).count()).sum());
        t.put("rooms", roomCount(nodes));
        t.put("peers", sum(nodes, RoomTotals::peers));
        t.put("producers", sum(nodes, RoomTotals::producers));
        t.put("consumers", sum(nodes, RoomTotals::consumers));
        t.put("egresses", sum(nodes, RoomTotals::egresses));
        t.put("bitrateIn", nodes.stream().flatMap(n -> n.namespaces().values().stream()).mapToLong(RoomTotals::bitrateIn).sum());
        t.put("bitrateOut", nodes.stream().flatMap(n -> n.namespaces().values().stream()).mapToLong(RoomTotals::bitrateOut).sum());
        t.put("networkIn", nodes.stream().mapToLong(r -> r.load().host().networkInBytesPerSecond()).sum());
        t.put("networkOut", nodes.stream().mapToLong(r -> r.load().host().networkOutBytesPerSecond()).sum());
        t.put("cpu", ratio(nodes.stream().mapToDouble(r -> r.load().host().cpu()).average().orElse(0)));
        t.put("memory", ratio(nodes.stream().mapToDouble(r -> r.load().host().memory()).average().orElse(0)));
        return t;
    }

    private static int sum(List<NodeSummary> nodes, java.util.function.ToIntFunction<RoomTotals> figure) {
        return nodes.stream().flatMap(n -> n.namespaces().values().stream()).mapToInt(figure).sum();
    }

    /**
     * The rooms of these nodes, each counted once: a room whose leg pipes to no other node is on that
     * node alone; the ones that do are named, and counted by name.
     */
    public static int roomCount(List<NodeSummary> nodes) {
        int sole = 0;
        Set<RoomKey> spread = new HashSet<>();
        for (NodeSummary node : nodes) {
            for (Map.Entry<String, RoomTotals> e : node.namespaces().entrySet()) {
                sole += e.getValue().rooms() - e.getValue().cascaded().size();
                for (String roomId : e.getValue().cascaded()) {
                    spread.add(RoomKey.of(e.getKey(), roomId));
                }
            }
        }
        return sole + spread.size();
    }

    private static Map<String, Object> regions(List<NodeSummary> nodes) {
        Map<String, List<NodeSummary>> byRegion = new TreeMap<>();
        for (NodeSummary node : nodes) {
            byRegion.computeIfAbsent(node.identity().region().toString(), k -> new ArrayList<>()).add(node);
        }
        Map<String, Object> out = new TreeMap<>();
        byRegion.forEach((region, members) -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("nodes", members.size());
            json.put("rooms", roomCount(members));
            json.put("peers", sum(members, RoomTotals::peers));
            out.put(region, json);
        });
        return out;
    }

    private static Map<String, Integer> peerRegions(List<NodeSummary> nodes) {
        Map<String, Integer> out = new TreeMap<>();
        for (NodeSummary node : nodes) {
            for (RoomTotals totals : node.namespaces().values()) {
                totals.peerRegions().forEach((region, peers) -> out.merge(region, peers, Integer::sum));
            }
        }
        return out;
    }

    private static Map<String, Object> node(NodeReport report, Map<RoomKey, List<Leg>> legs) {
        Map<String, Object> json = nodeFigures(report.summary());
        json.put("workers", report.workers().stream().map(ClusterJson::worker).toList());
        List<Map<String, Object>> rooms = new ArrayList<>();
        List<Map<String, Object>> elsewhere = new ArrayList<>();
        for (RoomSnapshot room : report.rooms()) {
            List<Leg> all = legs.getOrDefault(room.key(), List.of());
            if (!cascaded(all)) {
                rooms.add(room(room, false));
            } else if (all.get(0).room() == room) {
                rooms.add(cascadedRoom(all, false));
            } else {
                elsewhere.add(roomLeg(room, all.get(0).report().nodeId()));
            }
        }
        json.put("rooms", rooms);
        if (!elsewhere.isEmpty()) {
            json.put("roomLegs", elsewhere);
        }
        return json;
    }

    /**
     * The summary's node: its identity and figures, and the same figures per namespace with peers per
     * region ({@code byNamespace}), so a page can cut a node's figures to one namespace without its rooms.
     */
    private static Map<String, Object> summaryNode(NodeSummary node) {
        Map<String, Object> json = nodeFigures(node);
        Map<String, Object> byNamespace = new TreeMap<>();
        node.namespaces().forEach((namespace, totals) -> {
            Map<String, Object> figures = roomFigures(List.of(totals));
            figures.put("peerRegions", totals.peerRegions());
            byNamespace.put(namespace, figures);
        });
        json.put("byNamespace", byNamespace);
        return json;
    }

    /** A node's identity and figures, without its workers and rooms. */
    private static Map<String, Object> nodeFigures(NodeSummary node) {
        NodeIdentity id = node.identity();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id.id());
        json.put("name", id.name());
        json.put("region", id.region().toString());
        json.put("isp", id.isp());
        json.put("signalingUrl", id.signalingUrl());
        json.put("ips", id.announcedIps());
        json.put("namespaces", id.namespaces());
        json.put("priority", id.priority());
        json.put("state", id.state().name().toLowerCase(java.util.Locale.ROOT));
        if (id.egressOnly()) {
            json.put("egressOnly", true); // --egress-only: runs other nodes' egresses, takes no peers
        }
        json.put("reportedAt", node.at().toString());
        json.put("server", server(node.load().host()));
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("workers", node.load().workers().stream().filter(WorkerLoad::alive).count());
        service.putAll(roomFigures(node.namespaces().values()));
        json.put("service", service);
        return json;
    }

    /** Rooms, peers, producers, consumers and bitrates added up over these totals: a node's service, or one namespace's. */
    private static Map<String, Object> roomFigures(java.util.Collection<RoomTotals> totals) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rooms", totals.stream().mapToInt(RoomTotals::rooms).sum());
        json.put("peers", totals.stream().mapToInt(RoomTotals::peers).sum());
        json.put("producers", totals.stream().mapToInt(RoomTotals::producers).sum());
        json.put("consumers", totals.stream().mapToInt(RoomTotals::consumers).sum());
        json.put("bitrateIn", totals.stream().mapToLong(RoomTotals::bitrateIn).sum());
        json.put("bitrateOut", totals.stream().mapToLong(RoomTotals::bitrateOut).sum());
        return json;
    }

    /** A room's snapshot in one node's report: one leg of the room. */
    private record Leg(NodeReport report, RoomSnapshot room) {
    }

    /** Each room's legs over the reports, the oldest first (the one the room is listed under). */
    private static Map<RoomKey, List<Leg>> legsByRoom(List<NodeReport> reports) {
        Map<RoomKey, List<Leg>> out = new LinkedHashMap<>();
        for (NodeReport report : reports) {
            for (RoomSnapshot room : report.rooms()) {
                out.computeIfAbsent(room.key(), k -> new ArrayList<>()).add(new Leg(report, room));
            }
        }
        Comparator<Leg> oldestFirst = Comparator.comparing((Leg l) -> l.room().createdAt()).thenComparing(l -> l.report().nodeId());
        out.values().forEach(l -> l.sort(oldestFirst));
        return out;
    }

    /** Whether the room is shown with its legs: it has legs on several nodes, or pipes to legs not visible here. */
    private static boolean cascaded(List<Leg> legs) {
        return legs.size() > 1 || legs.stream().anyMatch(l -> !l.room().links().isEmpty());
    }

    /** A room with its legs: figures summed over them, peers of every leg, each with its node. */
    private static Map<String, Object> cascadedRoom(List<Leg> legs, boolean detailed) {
        RoomSnapshot oldest = legs.get(0).room();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("namespace", oldest.key().namespace());
        json.put("roomId", oldest.key().roomId());
        json.put("workerIndex", oldest.workerIndex());
        json.put("createdAt", oldest.createdAt().toString());
        json.put("producers", legs.stream().mapToInt(l -> l.room().producers()).sum());
        json.put("consumers", legs.stream().mapToInt(l -> l.room().consumers()).sum());
        json.put("bitrateIn", legs.stream().mapToLong(l -> l.room().bitrateIn()).sum());
        json.put("bitrateOut", legs.stream().mapToLong(l -> l.room().bitrateOut()).sum());
        List<Map<String, Object>> peers = new ArrayList<>();
        for (Leg leg : legs) {
            for (Map<String, Object> peer : peers(leg.room(), detailed)) {
                peer.put("nodeId", leg.report().nodeId());
                peers.add(peer);
            }
        }
        json.put("peers", peers);
        json.put("listedOn", legs.get(0).report().nodeId());
        json.put("legs", legs.stream().map(ClusterJson::leg).toList());
        return json;
    }

    private static Map<String, Object> leg(Leg leg) {
        RoomSnapshot room = leg.room();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("nodeId", leg.report().nodeId());
        json.put("nodeName", leg.report().identity().name());
        json.put("region", leg.report().identity().region().toString());
        json.put("workerIndex", room.workerIndex());
        json.put("since", room.createdAt().toString());
        json.put("peers", room.peers().size());
        json.put("producers", room.producers());
        json.put("consumers", room.consumers());
        json.put("bitrateIn", room.bitrateIn());
        json.put("bitrateOut", room.bitrateOut());
        json.put("links", links(room));
        return json;
    }

    /** A node's leg of a room listed under another node ({@code listedOn}): what this node serves of it. */
    private static Map<String, Object> roomLeg(RoomSnapshot room, String listedOn) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("namespace", room.key().namespace());
        json.put("roomId", room.key().roomId());
        json.put("listedOn", listedOn);
        json.put("workerIndex", room.workerIndex());
        json.put("since", room.createdAt().toString());
        json.put("peers", room.peers().size());
        json.put("producers", room.producers());
        json.put("consumers", room.consumers());
        json.put("bitrateIn", room.bitrateIn());
        json.put("bitrateOut", room.bitrateOut());
        return json;
    }

    /**
     * The pipes between each pair of nodes, summed over their rooms. Both ends report a pipe; per room
     * and direction the larger figure counts (they differ by a report's timing), so a pipe whose other
     * end is not visible (filtered out, not reported yet) still counts once.
     */
    private static List<Map<String, Object>> links(Map<RoomKey, List<Leg>> legs) {
        // "a b" (a < b) → [rooms, producers a→b, producers b→a, bitrate a→b, bitrate b→a]
        Map<String, long[]> pairs = new TreeMap<>();
        for (List<Leg> room : legs.values()) {
            Map<String, long[]> roomPairs = new HashMap<>();
            for (Leg leg : room) {
                String self = leg.report().nodeId();
                for (RoomSnapshot.Link link : leg.room().links()) {
                    if (link.nodeId().equals(self)) {
                        continue;
                    }
                    boolean first = self.compareTo(link.nodeId()) < 0;
                    String pair = first ? self + " " + link.nodeId() : link.nodeId() + " " + self;
                    long[] f = roomPairs.computeIfAbsent(pair, k -> new long[5]);
                    f[0] = 1;
                    // From self's side: out is self → other, in is other → self.
                    max(f, first ? 1 : 2, link.producersOut());
                    max(f, first ? 2 : 1, link.producersIn());
                    max(f, first ? 3 : 4, link.bitrateOut());
                    max(f, first ? 4 : 3, link.bitrateIn());
                }
            }
            roomPairs.forEach((pair, f) -> {
                long[] sum = pairs.computeIfAbsent(pair, k -> new long[5]);
                for (int i = 0; i < f.length; i++) {
                    sum[i] += f[i];
                }
            });
        }
        return linksJson(pairs);
    }

    /** @param pairs "a b" (a < b) → [rooms, producers a→b, producers b→a, bitrate a→b, bitrate b→a] */
    private static List<Map<String, Object>> linksJson(Map<String, long[]> pairs) {
        List<Map<String, Object>> out = new ArrayList<>();
        pairs.forEach((pair, f) -> {
            String[] nodes = pair.split(" ", 2);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("nodeA", nodes[0]);
            json.put("nodeB", nodes[1]);
            json.put("rooms", (int) f[0]);
            json.put("producersAtoB", (int) f[1]);
            json.put("producersBtoA", (int) f[2]);
            json.put("bitrateAtoB", f[3]);
            json.put("bitrateBtoA", f[4]);
            out.add(json);
        });
        return out;
    }

    /**
     * The pipes between each pair of nodes from the nodes' totals: per direction the larger of the two
     * ends' sums (an end not visible, or not reported yet, still counts once).
     */
    private static List<Map<String, Object>> links(List<NodeSummary> nodes) {
        Map<String, long[]> pairs = new TreeMap<>();
        for (NodeSummary node : nodes) {
            String self = node.nodeId();
            Map<String, long[]> mine = new HashMap<>();
            for (RoomTotals totals : node.namespaces().values()) {
                totals.links().forEach((other, link) -> {
                    if (other.equals(self)) {
                        return;
                    }
                    long[] f = mine.computeIfAbsent(other, k -> new long[5]);
                    boolean first = self.compareTo(other) < 0;
                    f[0] += link.rooms();
                    f[first ? 1 : 2] += link.producersOut();
                    f[first ? 2 : 1] += link.producersIn();
                    f[first ? 3 : 4] += link.bitrateOut();
                    f[first ? 4 : 3] += link.bitrateIn();
                });
            }
            mine.forEach((other, f) -> {
                String pair = self.compareTo(other) < 0 ? self + " " + other : other + " " + self;
                long[] both = pairs.computeIfAbsent(pair, k -> new long[5]);
                for (int i = 0; i < f.length; i++) {
                    max(both, i, f[i]);
                }
            });
        }
        return linksJson(pairs);
    }

    private static void max(long[] figures, int index, long value) {
        figures[index] = Math.max(figures[index], value);
    }

    private static Map<String, Object> server(HostLoad host) {
        Map<String, Object> server = new LinkedHashMap<>();
        server.put("cpu", ratio(host.cpu()));
        server.put("memory", ratio(host.memory()));
        server.put("memoryUsedBytes", host.memoryUsedBytes());
        server.put("memoryTotalBytes", host.memoryTotalBytes());
        server.put("networkIn", host.networkInBytesPerSecond());
        server.put("networkOut", host.networkOutBytesPerSecond());
        server.put("disk", ratio(host.disk()));
        return server;
    }

    private static Map<String, Object> worker(WorkerLoad w) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("index", w.index());
        json.put("alive", w.alive());
        json.put("cpu", ratio(w.cpu()));
        json.put("memoryBytes", w.memoryBytes() < 0 ? null : w.memoryBytes());
        json.put("rooms", w.rooms());
        json.put("peers", w.peers());
        json.put("producers", w.producers());
        json.put("consumers", w.consumers());
        json.put("bitrateIn", w.bitrateIn());
        json.put("bitrateOut", w.bitrateOut());
        json.put("restarts", w.restarts());
        if (w.mediaHost() != null) {
            json.put("mediaHost", w.mediaHost());
        }
        return json;
    }

    /** Ratios to 0.1 %: more digits say nothing and cost bytes in every dashboard update. */
    private static double ratio(double value) {
        return Math.round(value * 1000) / 1000.0;
    }

    /** A room; {@code detailed} lists each peer's producers instead of counting them. */
    static Map<String, Object> room(RoomSnapshot room, boolean detailed) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("namespace", room.key().namespace());
        json.put("roomId", room.key().roomId());
        json.put("workerIndex", room.workerIndex());
        json.put("createdAt", room.createdAt().toString());
        json.put("producers", room.producers());
        json.put("consumers", room.consumers());
        json.put("bitrateIn", room.bitrateIn());
        json.put("bitrateOut", room.bitrateOut());
        json.put("peers", peers(room, detailed));
        if (!room.links().isEmpty()) {
            // A leg whose other legs are out of view (a node's own API): its links say where they are.
            json.put("links", links(room));
        }
        if (!room.egresses().isEmpty()) {
            json.put("egresses", egresses(room));
        }
        return json;
    }

    private static List<Map<String, Object>> egresses(RoomSnapshot room) {
        return room.egresses().stream().map(egress -> {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("egressId", egress.id());
            e.put("type", egress.type());
            e.put("status", egress.status());
            e.put("target", egress.target());
            e.put("startedAt", egress.startedAt() == null ? null : egress.startedAt().toString());
            e.put("restarts", egress.restarts());
            return e;
        }).toList();
    }

    private static List<Map<String, Object>> links(RoomSnapshot room) {
        return room.links().stream().map(link -> {
            Map<String, Object> l = new LinkedHashMap<>();
            l.put("nodeId", link.nodeId());
            l.put("producersIn", link.producersIn());
            l.put("producersOut", link.producersOut());
            l.put("bitrateIn", link.bitrateIn());
            l.put("bitrateOut", link.bitrateOut());
            return l;
        }).toList();
    }

    private static List<Map<String, Object>> peers(RoomSnapshot room, boolean detailed) {
        List<Map<String, Object>> peers = new ArrayList<>();
        for (RoomSnapshot.Peer peer : room.peers()) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("id", peer.id());
            p.put("displayName", peer.displayName());
            p.put("region", peer.region());
            p.put("isp", peer.isp());
            p.put("joined", peer.joined());
            p.put("since", peer.joinedAt().toString());
            if (detailed) {
                p.put("producers", peer.producers().stream().map(pr -> {
                    Map<String, Object> producer = new LinkedHashMap<>();
                    producer.put("id", pr.id());
                    producer.put("kind", pr.kind());
                    producer.put("paused", pr.paused());
                    return producer;
                }).toList());
            } else {
                p.put("producers", peer.producers().size());
            }
            p.put("consumers", peer.consumers());
            p.put("bitrateIn", peer.bitrateIn());
            p.put("bitrateOut", peer.bitrateOut());
            peers.add(p);
        }
        return peers;
    }

    /**
     * {@code GET /api/rooms/{namespace}/{roomId}}: the room, its node and worker, its peers with their
     * producers; a room with legs on several nodes, with its {@code legs} and every leg's peers (its node
     * is then its oldest leg's).
     */
    public static Optional<Map<String, Object>> roomDetail(List<NodeReport> reports, RoomKey key) {
        List<Leg> legs = legsByRoom(reports.stream().filter(r -> !r.identity().isMediaHost()).toList())
                .getOrDefault(key, List.of());
        if (cascaded(legs)) {
            NodeReport report = legs.get(0).report();
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("nodeId", report.nodeId());
            json.put("nodeName", report.identity().name());
            json.put("nodeRegion", report.identity().region().toString());
            json.putAll(cascadedRoom(legs, true));
            return Optional.of(json);
        }
        for (NodeReport report : reports) {
            for (RoomSnapshot room : report.rooms()) {
                if (room.key().equals(key)) {
                    Map<String, Object> json = new LinkedHashMap<>();
                    json.put("nodeId", report.nodeId());
                    json.put("nodeName", report.identity().name());
                    json.put("nodeRegion", report.identity().region().toString());
                    json.putAll(room(room, true));
                    return Optional.of(json);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * {@code GET /api/nodes/{nodeId}}: {@code {"time","scope","node"}}, the node exactly as in the whole
     * view (workers, rooms, room legs) but from its own report alone: a room with legs elsewhere is
     * listed here with this node's leg and its {@code links}, which say where the other legs are (as on
     * the node's own API). What the dashboard reads when it shows one node of a cluster too large for
     * the whole view.
     *
     * @param visible the node's report, already {@link #visible cut} to the scope
     */
    public static Map<String, Object> nodeDetail(NodeReport visible, AdminScope scope, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("time", now.toString());
        json.put("scope", scopeJson(scope));
        json.put("node", node(visible, legsByRoom(List.of(visible))));
        return json;
    }
}
