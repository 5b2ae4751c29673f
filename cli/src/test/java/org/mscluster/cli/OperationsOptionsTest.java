package org.mscluster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.signaling.operations.OperationsSettings;
import picocli.CommandLine;

class OperationsOptionsTest {

    private static final NamespaceSecrets SECRETS = NamespaceSecrets.of(Map.of("acme", "acme-secret-0123456789abcdef0123456789abcdef"));

    private static OperationsOptions parse(String... args) {
        OperationsOptions options = new OperationsOptions();
        new CommandLine(options).parseArgs(args);
        return options;
    }

    @Test
    void webhooksPerRoomMetricsAndTheOperatorNamespace() {
        OperationsSettings settings = parse("--webhook", "acme=http://127.0.0.1:9000/a", "--webhook", "acme=https://hooks.example/b",
                "--metrics-per-room", "--admin-namespace", "ops").settings(SECRETS, true);
        assertThat(settings.webhooks().urls().get("acme")).containsExactly(URI.create("http://127.0.0.1:9000/a"),
                URI.create("https://hooks.example/b"));
        assertThat(settings.webhooks().nodeEvents()).isTrue();
        assertThat(settings.perRoomMetrics()).isTrue();
        assertThat(settings.operatorNamespace()).isEqualTo("ops");
        assertThat(settings.secrets().namespaces()).containsExactly("acme");
    }

    @Test
    void defaultsAndClusterNodesLeaveNodeEventsToTheDispatcher() {
        OperationsSettings settings = parse().settings(SECRETS, false);
        assertThat(settings.webhooks().isEmpty()).isTrue();
        assertThat(settings.webhooks().nodeEvents()).isFalse();
        assertThat(settings.perRoomMetrics()).isFalse();
        assertThat(settings.operatorNamespace()).isEqualTo("cluster");
        assertThat(settings.dashboardPath()).isEqualTo("/dashboard");
    }

    @Test
    void aWebhookNeedsItsNamespaceSecret() {
        assertThatThrownBy(() -> parse("--webhook", "other=http://127.0.0.1:9000/").settings(SECRETS, true))
                .hasMessageContaining("--namespace-secret other=");
        assertThatThrownBy(() -> parse("--webhook", "acme=ftp://x/").settings(SECRETS, true))
                .hasMessageContaining("http(s)");
    }
}
