package org.mscluster.cli;

import java.util.ArrayList;
import java.util.List;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.signaling.admin.AdminAuth;
import org.mscluster.signaling.dashboard.ClusterFeed;
import org.mscluster.signaling.operations.OperationsSettings;
import org.mscluster.signaling.webhooks.WebhookSettings;
import picocli.CommandLine.Option;

/**
 * How a node is operated: webhooks, per-room metrics, the operator namespace of the admin API and
 * dashboard, the dashboard's room limit. The namespace secrets (from {@link ClusterOptions}) verify admin tokens and sign webhooks.
 */
final class OperationsOptions {

    @Option(names = "--webhook", paramLabel = "NAMESPACE=URL", split = ",",
            description = "POST the namespace's room, peer, producer and node events to URL, signed with its secret (repeatable)")
    List<String> webhooks = new ArrayList<>();

    @Option(names = "--metrics-per-room", description = "/metrics with series per room (off: rooms are unbounded)")
    boolean metricsPerRoom;

    @Option(names = "--admin-namespace", defaultValue = AdminAuth.DEFAULT_OPERATOR_NAMESPACE,
            description = "admin tokens of this namespace see every namespace (default ${DEFAULT-VALUE})")
    String operatorNamespace;

    @Option(names = "--dashboard-room-limit", defaultValue = "" + ClusterFeed.DEFAULT_ROOM_LIMIT,
            description = "past this many rooms the dashboard shows summaries, and rooms and peers one node at a time"
                    + " (default ${DEFAULT-VALUE}; 0: always)")
    int dashboardRoomLimit;

    /**
     * @param nodeEvents whether the node sends its own node_up/node_draining/node_down (standalone: yes;
     *     in a cluster the dispatcher does)
     */
    OperationsSettings settings(NamespaceSecrets secrets, boolean nodeEvents) {
        WebhookSettings hooks = WebhookSettings.parse(webhooks).withNodeEvents(nodeEvents);
        for (String namespace : hooks.namespaces()) {
            if (secrets.secretOf(namespace).isEmpty()) {
                throw new IllegalArgumentException("--webhook " + namespace + "=…: webhooks are signed with the namespace's"
                        + " secret; give it with --namespace-secret " + namespace + "=SECRET");
            }
        }
        return OperationsSettings.builder()
                .secrets(secrets)
                .operatorNamespace(operatorNamespace)
                .perRoomMetrics(metricsPerRoom)
                .webhooks(hooks)
                .dashboardRoomLimit(dashboardRoomLimit)
                .build();
    }
}
