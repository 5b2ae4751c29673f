package org.mscluster.signaling.dashboard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.mscluster.cluster.model.NodeSummary;
import org.mscluster.signaling.admin.AdminScope;

/**
 * The dashboard's time series: rooms, peers and bitrate in and out, one point per update, kept for a
 * window (15 minutes). Each point is split by namespace and node region, {@code "namespace|region"},
 * so the browser can add up exactly what its filters select, and a namespace admin gets its own
 * namespace's series only. Thread-safe.
 */
final class ClusterHistory {

    /** One point: its time, and per {@code namespace|region} key {@code [rooms, peers, bitrateIn, bitrateOut]}. */
    record Point(long time, Map<String, long[]> series) {
    }

    private final long windowMillis;
    private final Deque<Point> points = new ArrayDeque<>();

    ClusterHistory(long windowMillis) {
        this.windowMillis = windowMillis;
    }

    /** Records the cluster at {@code time}, from its nodes' room totals, and returns the point. */
    Point record(long time, List<NodeSummary> nodes) {
        Map<String, long[]> series = new TreeMap<>();
        for (NodeSummary node : nodes) {
            String region = node.identity().region().toString();
            node.namespaces().forEach((namespace, totals) -> {
                long[] figures = series.computeIfAbsent(namespace + "|" + region, k -> new long[4]);
                figures[0] += totals.rooms();
                figures[1] += totals.peers();
                figures[2] += totals.bitrateIn();
                figures[3] += totals.bitrateOut();
            });
            // A node with no rooms still marks its region: the series exist (at zero) from the start.
            series.computeIfAbsent("|" + region, k -> new long[4]);
        }
        Point point = new Point(time, series);
        synchronized (points) {
            points.addLast(point);
            while (!points.isEmpty() && points.peekFirst().time() < time - windowMillis) {
                points.removeFirst();
            }
        }
        return point;
    }

    /** The window's points as {@link #json} maps for {@code scope}, oldest first. */
    List<Map<String, Object>> json(AdminScope scope) {
        List<Point> copy;
        synchronized (points) {
            copy = new ArrayList<>(points);
        }
        List<Map<String, Object>> out = new ArrayList<>(copy.size());
        for (Point point : copy) {
            out.add(json(point, scope));
        }
        return out;
    }

    /** {@code {"t": millis, "s": {"ns|region": [rooms, peers, in, out]}}} with the keys the scope may see. */
    static Map<String, Object> json(Point point, AdminScope scope) {
        Map<String, Object> series = new LinkedHashMap<>();
        point.series().forEach((key, figures) -> {
            String namespace = key.substring(0, key.indexOf('|'));
            if (namespace.isEmpty() || scope.sees(namespace)) {
                series.put(key, figures);
            }
        });
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("t", point.time());
        json.put("s", series);
        return json;
    }
}
