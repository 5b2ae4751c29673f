package org.mscluster.signaling.webhooks;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mscluster.signaling.egress.Egress;
import org.mscluster.signaling.egress.EgressListener;
import org.mscluster.signaling.egress.EgressSession;
import org.mscluster.signaling.egress.RemoteEgress;

/**
 * Turns a node's egress events into webhooks of the room's namespace: {@code egress_started} (its output
 * is open), {@code egress_updated} (a new segment: ffmpeg restarted, or the composite's producers changed;
 * with {@code reason}), {@code egress_ended} (with its final status, output and error). Each carries
 * {@code room} and {@code egress} (the same object as {@code GET /api/egress/{egressId}}); an egress's
 * events form one stream, delivered in order. An egress that ran on an egress-only node which died ends here
 * ({@code egress_ended}, {@code failed}): the room's node is the only one left to say so.
 */
public final class EgressWebhooks implements EgressListener {

    public static final String EGRESS_STARTED = "egress_started";
    public static final String EGRESS_UPDATED = "egress_updated";
    public static final String EGRESS_ENDED = "egress_ended";

    private final WebhookSender sender;
    private final String nodeId;
    private final Clock clock;

    public EgressWebhooks(WebhookSender sender, String nodeId, Clock clock) {
        this.sender = sender;
        this.nodeId = nodeId;
        this.clock = clock;
    }

    @Override
    public void started(EgressSession egress) {
        send(EGRESS_STARTED, egress, null);
    }

    @Override
    public void updated(EgressSession egress, String why) {
        send(EGRESS_UPDATED, egress, why);
    }

    @Override
    public void ended(EgressSession egress) {
        send(EGRESS_ENDED, egress, null);
    }

    /** Its egress node died: the room's node says it ended ({@code failed}, with the reason), as that node would have. */
    @Override
    public void lost(RemoteEgress egress) {
        send(EGRESS_ENDED, egress, null);
    }

    private void send(String type, Egress egress, String reason) {
        String namespace = egress.room().namespace();
        if (!sender.wants(namespace)) {
            return;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("room", Map.of("id", egress.room().roomId()));
        fields.put("egress", egress.json());
        if (reason != null) {
            fields.put("reason", reason);
        }
        sender.send(WebhookEvent.of(type, clock.instant(), namespace, nodeId, "egress " + egress.id(), fields));
    }
}
