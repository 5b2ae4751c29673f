package org.mscluster.signaling.webhooks;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.mscluster.cluster.events.NodeEvent;
import org.mscluster.cluster.events.NodeEventDelivery;
import org.mscluster.cluster.events.NodeEventListener;
import org.mscluster.cluster.model.NodeIdentity;

/**
 * {@code node_up}, {@code node_draining} and {@code node_down} of one node, to every namespace with
 * webhooks that the node serves, in order (one stream per node). A standalone node sends its own
 * ({@link #up} …); in a cluster a single dispatcher sends them for every node, since a crashed node
 * cannot, from the node events' outbox ({@link #deliver}): then an event's webhook id is the outbox
 * event's, the same whichever dispatcher delivers it and however often.
 */
public final class NodeWebhooks implements NodeEventListener {

    private final WebhookSender sender;
    private final Clock clock;

    public NodeWebhooks(WebhookSender sender, Clock clock) {
        this.sender = sender;
        this.clock = clock;
    }

    public void up(NodeIdentity node) {
        send(null, WebhookEvent.NODE_UP, node, null, clock.instant());
    }

    public void draining(NodeIdentity node) {
        send(null, WebhookEvent.NODE_DRAINING, node, null, clock.instant());
    }

    public void down(NodeIdentity node, String reason) {
        send(null, WebhookEvent.NODE_DOWN, node, reason, clock.instant());
    }

    @Override
    public CompletableFuture<Boolean> deliver(NodeEvent event) {
        return deliverReporting(event).thenApply(NodeEventDelivery::delivered);
    }

    /** {@link #deliver}, with the receiver's last answer when given up: the dead letter keeps it. */
    @Override
    public CompletableFuture<NodeEventDelivery> deliverReporting(NodeEvent event) {
        String type = switch (event.type()) {
            case UP -> WebhookEvent.NODE_UP;
            case DRAINING -> WebhookEvent.NODE_DRAINING;
            case DOWN -> WebhookEvent.NODE_DOWN;
        };
        return send(event.id(), type, event.node(), event.reason(), event.time())
                .thenApply(o -> o.delivered() ? NodeEventDelivery.DELIVERED : NodeEventDelivery.givenUp(o.lastError(), o.attempts()));
    }

    /** @param eventId the outbox event's id, or null for a fresh one */
    private CompletableFuture<WebhookSender.Outcome> send(String eventId, String type, NodeIdentity node, String reason,
            Instant time) {
        List<CompletableFuture<WebhookSender.Outcome>> sent = new ArrayList<>();
        for (String namespace : sender.settings().namespaces()) {
            if (!node.serves(namespace)) {
                continue;
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", node.id());
            json.put("name", node.name());
            json.put("region", node.region().toString());
            json.put("isp", node.isp());
            json.put("signalingUrl", node.signalingUrl());
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("node", json);
            if (reason != null) {
                fields.put("reason", reason);
            }
            String stream = "node " + node.id();
            // One id per namespace: a receiver taking several namespaces tells their copies apart.
            sent.add(sender.sendReporting(eventId == null ? WebhookEvent.of(type, time, namespace, node.id(), stream, fields)
                    : new WebhookEvent("evt_" + eventId + "_" + namespace, type, time, namespace, node.id(), stream, fields)));
        }
        return WebhookSender.allReported(sent);
    }
}
