package org.mscluster.signaling.webhooks;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mscluster.cluster.events.NodeEventListener;
import org.mscluster.cluster.model.NodeIdentity;

/**
 * {@code node_up}, {@code node_draining} and {@code node_down} of one node, to every namespace with
 * webhooks that the node serves, in order (one stream per node). A standalone node sends its own; in
 * a cluster a single dispatcher sends them for every node, since a crashed node cannot.
 */
public final class NodeWebhooks implements NodeEventListener {

    private final WebhookSender sender;
    private final Clock clock;

    public NodeWebhooks(WebhookSender sender, Clock clock) {
        this.sender = sender;
        this.clock = clock;
    }

    @Override
    public void up(NodeIdentity node) {
        send(WebhookEvent.NODE_UP, node, null);
    }

    @Override
    public void draining(NodeIdentity node) {
        send(WebhookEvent.NODE_DRAINING, node, null);
    }

    @Override
    public void down(NodeIdentity node, String reason) {
        send(WebhookEvent.NODE_DOWN, node, reason);
    }

    private void send(String type, NodeIdentity node, String reason) {
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
            sender.send(WebhookEvent.of(type, clock.instant(), namespace, node.id(), "node " + node.id(), fields));
        }
    }
}
