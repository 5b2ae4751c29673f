package org.mscluster.cluster.redis;

import java.util.Objects;
import org.mscluster.cluster.model.RoomKey;

/**
 * The names of every Redis key the cluster uses, under one prefix (default {@code mscluster:}) so
 * several clusters, or a benchmark, can share a Redis server without seeing each other.
 *
 * <pre>
 * {prefix}nodes                  set     ids of registered nodes (an index; liveness is the node key)
 * {prefix}node:{id}              hash    identity (JSON), state, load (JSON: host and workers),
 *                                        rooms-deflated (JSON of the rooms with their peers, deflated, in
 *                                        Base64; older versions: rooms, the JSON); expires unless refreshed: the
 *                                        node's lease, extended by its one write a second
 * {prefix}room:{ns}:{roomId}     hash    node, worker, since (epoch ms), peers: the room's entry, its
 *                                        primary leg (peers: what its node last reported, plus the
 *                                        peers sent there since)
 * {prefix}room-legs:{ns}:{roomId} hash   node id -> worker/since/peers: the room's other legs (cascade);
 *                                        never the entry's node, at most one leg per node
 * {prefix}node-rooms:{id}        hash    {ns}:{roomId} -> worker, the rooms a node holds, entry or leg
 * {prefix}node-workers:{id}      hash    worker -> room count, kept with node-rooms
 * {prefix}generation             string  changes when a node registers, deregisters or changes state
 * {prefix}node-commands:{id}     channel a node's admin commands (JSON: id, action, namespace, room, peer)
 * {prefix}command-reply:{cmd}    list    the node's answer to one command (JSON: status, message); expires
 * {prefix}node-mesh:{id}         channel messages, requests and answers from other nodes to a node (JSON:
 *                                        kind, from, id, body; see MeshEnvelope)
 * {prefix}node-events:lease      string  the dispatcher sending node events; expires unless renewed
 * {prefix}node-events:known      hash    node id -> identity with state (JSON) as last announced
 * </pre>
 *
 * <p>The Lua scripts build the same names from the prefix, so the layout lives here and in
 * {@code common.lua} only. Keys are derived inside scripts, which a Redis Cluster would reject;
 * the supported deployments are a single server or Sentinel.
 */
public record KeySpace(String prefix) {
    public static final String DEFAULT_PREFIX = "mscluster:";

    public KeySpace {
        Objects.requireNonNull(prefix, "prefix");
    }

    public static KeySpace defaults() {
        return new KeySpace(DEFAULT_PREFIX);
    }

    public String nodes() {
        return prefix + "nodes";
    }

    public String node(String nodeId) {
        return prefix + "node:" + nodeId;
    }

    public String room(RoomKey room) {
        return prefix + "room:" + room.encoded();
    }

    /** The room's legs other than its entry (cascade). */
    public String roomLegs(RoomKey room) {
        return prefix + "room-legs:" + room.encoded();
    }

    public String nodeRooms(String nodeId) {
        return prefix + "node-rooms:" + nodeId;
    }

    public String nodeWorkers(String nodeId) {
        return prefix + "node-workers:" + nodeId;
    }

    /** See {@code NodeRegistry.generation()}. */
    public String generation() {
        return prefix + "generation";
    }

    /** The pub/sub channel on which a node takes admin commands (kick, close room, drain). */
    public String nodeCommands(String nodeId) {
        return prefix + "node-commands:" + nodeId;
    }

    /** The list where a node answers one admin command. */
    public String commandReply(String commandId) {
        return prefix + "command-reply:" + commandId;
    }

    /** The pub/sub channel on which a node takes messages, requests and answers from other nodes. */
    public String nodeMesh(String nodeId) {
        return prefix + "node-mesh:" + nodeId;
    }

    /** Held by the one dispatcher that sends node webhooks (node_up, node_draining, node_down); expires. */
    public String nodeEventsLease() {
        return prefix + "node-events:lease";
    }

    /** Hash: node id -> identity (JSON, with state) as last announced by node webhooks. */
    public String nodeEventsKnown() {
        return prefix + "node-events:known";
    }

    /** Sorted set: event id -> sequence, the node events recorded and not yet delivered, oldest first. */
    public String nodeEventsOutbox() {
        return prefix + "node-events:outbox";
    }

    /** Hash: event id -> event JSON, of the events in {@link #nodeEventsOutbox()}. */
    public String nodeEventsOutboxEvents() {
        return prefix + "node-events:outbox:events";
    }

    /** Counter giving outbox events their order. */
    public String nodeEventsSequence() {
        return prefix + "node-events:seq";
    }

    /** List: node events whose delivery was given up (JSON), newest first, capped. */
    public String nodeEventsDead() {
        return prefix + "node-events:dead";
    }
}
