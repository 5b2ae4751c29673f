package org.mscluster.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.mscluster.cluster.redis.RedisUrl;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.signaling.admin.AdminAuth;
import org.mscluster.signaling.dashboard.ClusterFeed;
import org.mscluster.signaling.dispatcher.DispatcherConfig;
import org.mscluster.signaling.dispatcher.DispatcherOperations;
import org.mscluster.signaling.dispatcher.DispatcherServer;
import org.mscluster.signaling.net.TlsSettings;
import org.mscluster.signaling.net.WebSocketLimits;
import org.mscluster.signaling.webhooks.WebhookSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "dispatcher", description = "The cluster's entry point: redirects every client to the node and worker of its room.",
        subcommands = DispatcherCommand.Start.class)
final class DispatcherCommand {

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Start a dispatcher and serve until SIGTERM.",
                    "Every protoo WebSocket gets the 'redirect' notification (close code 4302) to its room's node;"
                            + " GET /api/dispatch answers the same as JSON; / serves the cluster dashboard, /client/ the web client;"
                            + " /api/cluster and the admin API take admin tokens. Stateless: run several."})
    static final class Start implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--config", description = "YAML file with any of these options (keys as the option names)")
        Path config;

        @Option(names = "--dispatcher-id", defaultValue = "dispatcher-1",
                description = "this dispatcher's name in metrics (default ${DEFAULT-VALUE}); give each dispatcher its own")
        String dispatcherId;

        @Option(names = "--redis", description = "the cluster's Redis URL (redis://, rediss://, redis-sentinel://); required")
        String redis;

        @Option(names = "--listen-ip", defaultValue = "127.0.0.1", description = "address to bind to (default ${DEFAULT-VALUE}; 0.0.0.0 for all)")
        String listenIp;

        @Option(names = "--port", defaultValue = "4443", description = "HTTP + WebSocket port (default ${DEFAULT-VALUE})")
        int port;

        @Option(names = "--tls", description = "serve HTTPS/WSS with a self-signed certificate generated at start")
        boolean tls;

        @Option(names = "--tls-cert", description = "PEM certificate chain for HTTPS/WSS")
        Path tlsCert;

        @Option(names = "--tls-key", description = "PEM private key for HTTPS/WSS")
        Path tlsKey;

        @Option(names = "--admin-namespace", defaultValue = AdminAuth.DEFAULT_OPERATOR_NAMESPACE,
                description = "admin tokens of this namespace see and act on every namespace (default ${DEFAULT-VALUE})")
        String operatorNamespace;

        @Option(names = "--webhook", paramLabel = "NAMESPACE=URL", split = ",",
                description = "POST node_up/node_draining/node_down of the namespace's nodes to URL, signed with its secret"
                        + " (repeatable); of several dispatchers, one sends them (a lease in Redis)")
        List<String> webhooks = new ArrayList<>();

        @Option(names = "--dashboard-room-limit", defaultValue = "" + ClusterFeed.DEFAULT_ROOM_LIMIT,
                description = "past this many rooms the dashboard shows summaries, and rooms and peers one node at a time"
                        + " (default ${DEFAULT-VALUE}; 0: always)")
        int dashboardRoomLimit;

        @Mixin
        ClusterOptions cluster;

        @Mixin
        ConnectionLimitsOptions connectionLimits;

        @Override
        public Integer call() throws Exception {
            if (redis == null || redis.isBlank()) {
                throw new ParameterException(spec.commandLine(), "--redis URL is required: the dispatcher reads the cluster from it");
            }
            if (port < 0 || port > 65535) {
                throw new ParameterException(spec.commandLine(), "--port must be within 0-65535");
            }
            if ((tlsCert == null) != (tlsKey == null)) {
                throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
            }
            NamespaceSecrets secrets = cluster.secrets();
            if (secrets.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "the dispatcher requires tokens: give each namespace's secret"
                        + " with --namespace-secret NAME=SECRET (or a 'namespaces:' section in --config)");
            }
            DispatcherConfig dispatcherConfig;
            try {
                RedisUrl.parse(redis);
                dispatcherConfig = DispatcherConfig.builder()
                        .id(dispatcherId)
                        .redisUrl(redis)
                        .listenIp(listenIp)
                        .port(port)
                        .tls(tlsCert != null ? TlsSettings.files(tlsCert, tlsKey) : tls ? TlsSettings.selfSigned() : TlsSettings.disabled())
                        .access(cluster.access(secrets))
                        .secrets(secrets)
                        .placement(cluster.placement())
                        .cidrTable(cluster.cidrTable())
                        .webSocketLimits(connectionLimits.apply(WebSocketLimits.defaults()))
                        .extraRoutes(new DispatcherOperations(secrets, operatorNamespace, null, null)
                                .nodeWebhooks(nodeWebhooks(secrets), dispatcherId)
                                .dashboardRoomLimit(dashboardRoomLimit))
                        .build();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            DispatcherServer server = DispatcherServer.start(dispatcherConfig);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "mscluster-shutdown"));
            System.err.println("mscluster: dispatcher serving " + server.url() + " (namespaces " + secrets.namespaces()
                    + "; Ctrl-C to stop)");
            stopped.await();
            return 0;
        }

        private WebhookSettings nodeWebhooks(NamespaceSecrets secrets) {
            WebhookSettings hooks = WebhookSettings.parse(webhooks);
            for (String namespace : hooks.namespaces()) {
                if (secrets.secretOf(namespace).isEmpty()) {
                    throw new IllegalArgumentException("--webhook " + namespace + "=…: webhooks are signed with the namespace's"
                            + " secret; give it with --namespace-secret " + namespace + "=SECRET");
                }
            }
            return hooks;
        }
    }
}
