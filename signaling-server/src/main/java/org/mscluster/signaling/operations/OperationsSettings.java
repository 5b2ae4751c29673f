package org.mscluster.signaling.operations;

import java.nio.file.Path;
import java.time.Duration;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.signaling.admin.AdminAuth;
import org.mscluster.signaling.dashboard.ClusterFeed;
import org.mscluster.signaling.webhooks.WebhookSettings;

/**
 * How a node is operated: admin API and dashboard, metrics, webhooks.
 *
 * @param secrets the namespaces' secrets: they verify admin tokens and sign webhooks (the same
 *     {@code --namespace-secret} values that verify join tokens); none: the admin API and dashboard
 *     answer on loopback only
 * @param operatorNamespace admins of this namespace see and act on every namespace
 * @param dashboardPath where the dashboard is served ({@code /dashboard}); null: not served
 * @param perRoomMetrics whether {@code /metrics} has series per room (off by default: rooms are unbounded)
 * @param sampleInterval how often the node samples itself for the dashboard and metrics
 * @param webhooks where events go; {@link WebhookSettings#NONE} by default
 * @param diskPath the volume whose usage is reported (recordings); the working directory when null
 * @param dashboardRoomLimit past this many rooms the dashboard's feed sends summaries instead of every
 *     room and peer ({@link ClusterFeed}); at least 0
 */
public record OperationsSettings(NamespaceSecrets secrets, String operatorNamespace, String dashboardPath,
        boolean perRoomMetrics, Duration sampleInterval, WebhookSettings webhooks, Path diskPath, int dashboardRoomLimit) {

    public OperationsSettings {
        if (dashboardRoomLimit < 0) {
            throw new IllegalArgumentException("dashboard room limit must be at least 0, not " + dashboardRoomLimit);
        }
        secrets = secrets == null ? NamespaceSecrets.none() : secrets;
        operatorNamespace = operatorNamespace == null ? AdminAuth.DEFAULT_OPERATOR_NAMESPACE : operatorNamespace;
        sampleInterval = sampleInterval == null ? Duration.ofSeconds(1) : sampleInterval;
        webhooks = webhooks == null ? WebhookSettings.NONE : webhooks;
    }

    public static OperationsSettings defaults() {
        return new OperationsSettings(null, null, "/dashboard", false, null, null, null, ClusterFeed.DEFAULT_ROOM_LIMIT);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Unset fields keep {@link #defaults()}. */
    public static final class Builder {
        private NamespaceSecrets secrets;
        private String operatorNamespace;
        private String dashboardPath = "/dashboard";
        private boolean perRoomMetrics;
        private Duration sampleInterval;
        private WebhookSettings webhooks;
        private Path diskPath;
        private int dashboardRoomLimit = ClusterFeed.DEFAULT_ROOM_LIMIT;

        public Builder secrets(NamespaceSecrets v) { secrets = v; return this; }
        public Builder operatorNamespace(String v) { operatorNamespace = v; return this; }
        public Builder dashboardPath(String v) { dashboardPath = v; return this; }
        public Builder perRoomMetrics(boolean v) { perRoomMetrics = v; return this; }
        public Builder sampleInterval(Duration v) { sampleInterval = v; return this; }
        public Builder webhooks(WebhookSettings v) { webhooks = v; return this; }
        public Builder diskPath(Path v) { diskPath = v; return this; }
        public Builder dashboardRoomLimit(int v) { dashboardRoomLimit = v; return this; }

        public OperationsSettings build() {
            return new OperationsSettings(secrets, operatorNamespace, dashboardPath, perRoomMetrics, sampleInterval, webhooks,
                    diskPath, dashboardRoomLimit);
        }
    }
}
