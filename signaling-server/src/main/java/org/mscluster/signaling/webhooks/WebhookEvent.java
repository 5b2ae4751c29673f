package org.mscluster.signaling.webhooks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One event as its receivers get it: a JSON object with {@code id} (unique: receivers deduplicate
 * retries by it), {@code event}, {@code time} (ISO-8601, when it happened), {@code namespace},
 * {@code nodeId}, and the event's own fields ({@code room}, {@code peer}, {@code producer},
 * {@code node}, {@code reason}).
 *
 * @param stream the events that must arrive in order, one after another: a room's, or a node's
 */
public record WebhookEvent(String id, String type, Instant time, String namespace, String nodeId, String stream,
        Map<String, Object> fields) {

    public static final String ROOM_STARTED = "room_started";
    public static final String ROOM_FINISHED = "room_finished";
    public static final String ROOM_LEG_OPENED = "room_leg_opened";
    public static final String ROOM_LEG_CLOSED = "room_leg_closed";
    public static final String PEER_JOINED = "peer_joined";
    public static final String PEER_LEFT = "peer_left";
    public static final String PRODUCER_CREATED = "producer_created";
    public static final String PRODUCER_CLOSED = "producer_closed";
    public static final String NODE_UP = "node_up";
    public static final String NODE_DOWN = "node_down";
    public static final String NODE_DRAINING = "node_draining";

    public static WebhookEvent of(String type, Instant time, String namespace, String nodeId, String stream,
            Map<String, Object> fields) {
        return new WebhookEvent("evt_" + UUID.randomUUID().toString().replace("-", ""), type, time, namespace, nodeId, stream,
                fields);
    }

    /** The JSON body's fields, in a stable order. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("event", type);
        body.put("time", time.toString());
        body.put("namespace", namespace);
        body.put("nodeId", nodeId);
        body.putAll(fields);
        return body;
    }
}
