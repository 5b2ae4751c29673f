package org.mscluster.signaling.webhooks;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.signaling.room.RoomListener;

/**
 * Turns this node's room events into webhooks: {@code room_started}, {@code room_finished},
 * {@code peer_joined}, {@code peer_left}, {@code producer_created}, {@code producer_closed}. Sent by
 * the node hosting the room, which is the only one that sees them, so never twice; a room's events
 * form one stream, delivered in order.
 */
public final class RoomWebhooks implements RoomListener {

    private final WebhookSender sender;
    private final Supplier<String> nodeId;
    private final Clock clock;

    public RoomWebhooks(WebhookSender sender, Supplier<String> nodeId, Clock clock) {
        this.sender = sender;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    private void send(String type, RoomKey room, Map<String, Object> fields) {
        if (!sender.wants(room.namespace())) {
            return;
        }
        Map<String, Object> all = new LinkedHashMap<>();
        all.put("room", Map.of("id", room.roomId()));
        all.putAll(fields);
        sender.send(WebhookEvent.of(type, clock.instant(), room.namespace(), nodeId.get(), "room " + room.encoded(), all));
    }

    private static Map<String, Object> peer(PeerInfo peer) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", peer.id());
        json.put("displayName", peer.displayName());
        json.put("region", peer.region());
        json.put("isp", peer.isp());
        return json;
    }

    @Override
    public void roomStarted(RoomKey room, int workerIndex) {
        if (!sender.wants(room.namespace())) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        Map<String, Object> roomJson = new LinkedHashMap<>();
        roomJson.put("id", room.roomId());
        roomJson.put("workerIndex", workerIndex);
        fields.put("room", roomJson);
        sender.send(WebhookEvent.of(WebhookEvent.ROOM_STARTED, clock.instant(), room.namespace(), nodeId.get(),
                "room " + room.encoded(), fields));
    }

    @Override
    public void roomFinished(RoomKey room, String reason) {
        send(WebhookEvent.ROOM_FINISHED, room, Map.of("reason", reason));
    }

    @Override
    public void peerJoined(RoomKey room, PeerInfo peer) {
        send(WebhookEvent.PEER_JOINED, room, Map.of("peer", peer(peer)));
    }

    @Override
    public void peerLeft(RoomKey room, PeerInfo peer, String reason) {
        send(WebhookEvent.PEER_LEFT, room, Map.of("peer", peer(peer), "reason", reason));
    }

    @Override
    public void producerCreated(RoomKey room, String peerId, String producerId, String kind) {
        send(WebhookEvent.PRODUCER_CREATED, room, Map.of("peer", Map.of("id", peerId), "producer",
                Map.of("id", producerId, "kind", kind)));
    }

    @Override
    public void producerClosed(RoomKey room, String peerId, String producerId, String kind) {
        send(WebhookEvent.PRODUCER_CLOSED, room, Map.of("peer", Map.of("id", peerId), "producer",
                Map.of("id", producerId, "kind", kind)));
    }
}
