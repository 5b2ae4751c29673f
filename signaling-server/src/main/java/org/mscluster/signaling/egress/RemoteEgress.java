package org.mscluster.signaling.egress;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.signaling.json.Json;

/**
 * An egress of a room hosted here that runs on an egress-only node: what this node last heard of it (asked
 * every second by {@link EgressNodes}), so that the API answers for it here too, and says {@code failed}
 * when that node dies.
 */
public final class RemoteEgress implements Egress {

    private final String id;
    private final RoomKey room;
    private final String nodeId;
    private final Clock clock;
    private final Consumer<String> stopper;
    private Map<String, Object> last;
    private EgressStatus status;
    /** Asks in a row that found nobody listening on the egress node's mesh channel. */
    int silent;

    @SuppressWarnings("unchecked")
    RemoteEgress(String id, RoomKey room, String nodeId, JsonNode first, Clock clock, Consumer<String> stopper) {
        this.id = id;
        this.room = room;
        this.nodeId = nodeId;
        this.clock = clock;
        this.stopper = stopper;
        update(first);
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public RoomKey room() {
        return room;
    }

    /** The egress-only node that runs it. */
    public String nodeId() {
        return nodeId;
    }

    @Override
    public synchronized EgressStatus status() {
        return status;
    }

    @Override
    public synchronized Map<String, Object> json() {
        return new LinkedHashMap<>(last);
    }

    @Override
    public void stop(String why) {
        stopper.accept(why);
    }

    /** The egress node's answer: its status now. A finished egress stays as it ended. */
    @SuppressWarnings("unchecked")
    synchronized void update(JsonNode egress) {
        if (status != null && status.finished()) {
            return;
        }
        Map<String, Object> json = Json.MAPPER.convertValue(egress, LinkedHashMap.class);
        json.put("nodeId", nodeId);
        last = json;
        status = EgressStatus.of(json.get("status")).orElse(EgressStatus.STARTING);
        silent = 0;
    }

    /** The egress node is gone: the egress failed with {@code reason} (whatever that node had written stays there). */
    synchronized boolean fail(String reason) {
        if (status.finished()) {
            return false;
        }
        status = EgressStatus.FAILED;
        last.put("status", EgressStatus.FAILED.value());
        last.put("error", reason);
        last.put("endedAt", clock.instant().toString());
        return true;
    }
}
