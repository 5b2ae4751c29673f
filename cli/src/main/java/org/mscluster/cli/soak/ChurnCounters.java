package org.mscluster.cli.soak;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the virtual peers did and got, counted from the start: sessions, joins, what they produced,
 * what the server offered them, requests, and every error by kind. An error is anything a correct
 * client of a healthy node never sees: an error response, a request left unanswered, a refused
 * handshake, a close the client did not ask for, a server request or notification outside PROTOCOL.md.
 */
public final class ChurnCounters {

    final LongAdder sessions = new LongAdder();
    final LongAdder joins = new LongAdder();
    final LongAdder transports = new LongAdder();
    final LongAdder audioProducers = new LongAdder();
    final LongAdder videoProducers = new LongAdder();
    final LongAdder dataProducers = new LongAdder();
    final LongAdder consumersOffered = new LongAdder();
    final LongAdder dataConsumersOffered = new LongAdder();
    final LongAdder requests = new LongAdder();
    final LongAdder serverRequestsAnswered = new LongAdder();
    final LongAdder gracefulLeaves = new LongAdder();
    final LongAdder abruptLeaves = new LongAdder();
    final AtomicInteger connected = new AtomicInteger();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> notifications = new ConcurrentHashMap<>();

    void error(String kind) {
        errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
    }

    void notification(String method) {
        notifications.computeIfAbsent(method, k -> new LongAdder()).increment();
    }

    public long errorTotal() {
        return errors.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public int connectedNow() {
        return connected.get();
    }

    /** The totals, for the closing JSON. */
    public Map<String, Object> totals() {
        Map<String, Object> out = brief();
        out.put("transports", transports.sum());
        out.put("audioProducers", audioProducers.sum());
        out.put("videoProducers", videoProducers.sum());
        out.put("dataProducers", dataProducers.sum());
        out.put("dataConsumersOffered", dataConsumersOffered.sum());
        out.put("serverRequestsAnswered", serverRequestsAnswered.sum());
        out.put("gracefulLeaves", gracefulLeaves.sum());
        out.put("abruptLeaves", abruptLeaves.sum());
        out.put("errorsByKind", sums(errors));
        out.put("notificationsByMethod", sums(notifications));
        return out;
    }

    /** The few figures of the per-minute line. */
    public Map<String, Object> brief() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sessions", sessions.sum());
        out.put("joins", joins.sum());
        out.put("producers", audioProducers.sum() + videoProducers.sum());
        out.put("consumersOffered", consumersOffered.sum());
        out.put("requests", requests.sum());
        out.put("errors", errorTotal());
        return out;
    }

    private static Map<String, Long> sums(Map<String, LongAdder> counts) {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((key, value) -> out.put(key, value.sum()));
        return out;
    }
}
