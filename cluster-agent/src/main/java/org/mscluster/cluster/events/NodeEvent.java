package org.mscluster.cluster.events;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.mscluster.cluster.model.NodeIdentity;

/**
 * One node event as the outbox keeps it until delivered: its id stays the same through every
 * delivery attempt by every dispatcher, so receivers deduplicate by it.
 *
 * @param reason why the node went down; null for the other types
 * @param time when the lease holder noticed it
 */
public record NodeEvent(String id, Type type, NodeIdentity node, String reason, Instant time) {

    /** What happened to the node. */
    public enum Type {
        UP, DRAINING, DOWN
    }

    public NodeEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(time, "time");
    }

    /** A new event with a fresh unique id. */
    public static NodeEvent of(Type type, NodeIdentity node, String reason, Instant time) {
        return new NodeEvent(UUID.randomUUID().toString().replace("-", ""), type, node, reason, time);
    }
}
