package org.mscluster.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.redis.RedisUrl;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.mediasoup.worker.WorkerLogLevel;
import org.mscluster.mediasoup.worker.WorkerMode;
import org.mscluster.signaling.whip.IceServerLink;
import org.mscluster.signaling.NodeConfig;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.cluster.ClusterSettings;
import org.mscluster.signaling.net.TlsSettings;
import org.mscluster.signaling.net.WebSocketLimits;
import org.mscluster.signaling.room.PeerLimits;
import org.mscluster.signaling.room.RoomSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "node", description = "A media node: workers, signaling, rooms.",
        subcommands = {NodeCommand.Start.class, NodeCommand.Drain.class})
final class NodeCommand {

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Start a media node and serve until SIGTERM.",
                    "Standalone (--standalone): alone, no Redis. Cluster (--redis URL): registers with the cluster, hosts the rooms"
                            + " placed on it, redirects clients of rooms that live elsewhere; SIGTERM drains it first"
                            + " (no new rooms, existing ones go on until empty or --drain-timeout)."})
    static final class Start implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--config", description = "YAML file with any of these options (keys as the option names)")
        Path config;

        @Option(names = "--standalone", description = "run alone: the cluster code over its in-memory store (registry, room directory), no Redis, no dispatcher; rooms placed on the least loaded worker, without load limits")
        boolean standalone;

        @Option(names = "--node-id", defaultValue = "node-1", description = "this node's id in the cluster (default ${DEFAULT-VALUE})")
        String nodeId;

        @Option(names = "--region", defaultValue = "", description = "region path, most general first, e.g. asia/cn/east")
        String region;

        @Option(names = "--isp", defaultValue = "", description = "the carrier this node is attached to")
        String isp;

        @Option(names = "--namespaces", defaultValue = "*", description = "namespaces served, comma-separated, or * (default)")
        String namespaces;

        @Option(names = "--priority", defaultValue = "0", description = "higher wins placement ties (default ${DEFAULT-VALUE})")
        int priority;

        @Option(names = "--egress-only", description = "run egresses (recordings, RTMP) of rooms other nodes host, fed"
                + " through pipe transports, and take no peers: placement never sends a room here, and the cluster's nodes"
                + " start their egresses on the least loaded egress-only node (cluster mode with --cascade)")
        boolean egressOnly;

        @Option(names = "--redis", description = "Redis URL (redis://, rediss://, redis-sentinel://) for cluster mode")
        String redis;

        @Option(names = "--listen-ip", defaultValue = "127.0.0.1", description = "address to bind signaling and media to (default ${DEFAULT-VALUE}; 0.0.0.0 for all)")
        String listenIp;

        @Option(names = "--announced-ip", description = "address clients reach this node at (hosts behind NAT)")
        String announcedIp;

        @Option(names = "--port", defaultValue = "4443", description = "HTTP + WebSocket port (default ${DEFAULT-VALUE})")
        int port;

        @Option(names = "--workers", description = "mediasoup workers (default: one per core)")
        Integer workers;

        @Option(names = "--media-hosts", description = "run the workers on these media hosts (`mscluster media start`):"
                + " HOST:PORT or tls://HOST:PORT, comma-separated, or auto (those registered in the cluster nearest this"
                + " node's region); --workers then counts workers per media host (default 1)")
        String mediaHosts;

        @Option(names = "--media-secret-file", description = "file holding the media hosts' shared secret")
        Path mediaSecretFile;

        @Option(names = "--media-tls-ca", description = "PEM certificates to trust for tls:// media hosts (default: the JDK's trust store)")
        Path mediaTlsCa;

        @Option(names = "--max-transports-per-peer", defaultValue = "4", description = "WebRTC transports a peer may have (default ${DEFAULT-VALUE}; the web client uses 2)")
        int maxTransportsPerPeer;

        @Option(names = "--max-producers-per-peer", defaultValue = "16", description = "tracks a peer may send (default ${DEFAULT-VALUE})")
        int maxProducersPerPeer;

        @Option(names = "--max-data-producers-per-peer", defaultValue = "8", description = "data channels a peer may send on (default ${DEFAULT-VALUE})")
        int maxDataProducersPerPeer;

        @Option(names = "--max-consumers-per-peer", defaultValue = "2000", description = "tracks a peer may receive; past it the server makes no more consumers for it (default ${DEFAULT-VALUE})")
        int maxConsumersPerPeer;

        @Option(names = "--requests-per-second-per-peer", defaultValue = "100", description = "protoo requests a peer may send per second on average; more get 429 (default ${DEFAULT-VALUE})")
        int requestsPerSecondPerPeer;

        @Option(names = "--request-burst-per-peer", defaultValue = "200", description = "protoo requests a peer may send at once (default ${DEFAULT-VALUE})")
        int requestBurstPerPeer;

        @Option(names = "--new-rooms-per-minute-per-address", defaultValue = "30", description = "rooms one client address may open on this node a minute (joining an open room does not count); more get a 429 protoo error (default ${DEFAULT-VALUE})")
        int newRoomsPerMinutePerAddress;

        @Option(names = "--audio-levels-interval-ms", defaultValue = "200", description = "how often a peer that joined with audioLevels: true gets every audible producer's volume (1-5000; the worker measures every 250 ms at least; default ${DEFAULT-VALUE})")
        int audioLevelsIntervalMs;

        @Mixin
        ConnectionLimitsOptions connectionLimits;

        @Option(names = "--worker-mode", defaultValue = "in-process", converter = ModeConverter.class,
                description = "in-process (default) or process (crash isolation)")
        WorkerMode workerMode;

        @Option(names = "--rtc-port", defaultValue = "44444", description = "WebRTC port of worker 0 (UDP and TCP); worker i uses base+i (default ${DEFAULT-VALUE})")
        int rtcPort;

        @Option(names = "--rtc-ports", converter = PortRange.Converter.class,
                description = "MIN-MAX ports of the local workers for transports outside the WebRtcServer: the pipes between"
                        + " the legs of rooms across nodes (open them between nodes); default mediasoup's 10000-59999")
        PortRange rtcPorts;

        @Option(names = "--ice-server", paramLabel = "URL",
                description = "an ICE server WHIP/WHEP answers announce in a Link header (RFC 9725): stun:host:port, or"
                        + " turn:host:port?username=U&credential=C[&transport=udp]; repeatable")
        List<String> iceServers = new ArrayList<>();

        @Option(names = "--tls", description = "serve HTTPS/WSS with a self-signed certificate generated at start")
        boolean tls;

        @Option(names = "--tls-cert", description = "PEM certificate chain for HTTPS/WSS")
        Path tlsCert;

        @Option(names = "--tls-key", description = "PEM private key for HTTPS/WSS")
        Path tlsKey;

        @Option(names = "--log-level", defaultValue = "warn", description = "the workers' log level: debug, warn, error, none")
        String workerLogLevel;

        @Option(names = "--name", description = "a label for dashboards (default: the node id)")
        String name;

        @Option(names = "--drain-timeout", defaultValue = "300",
                description = "seconds a draining node waits for its rooms to empty before closing them (default ${DEFAULT-VALUE})")
        long drainTimeoutSeconds;

        @Mixin
        ClusterOptions cluster;

        @Mixin
        OperationsOptions operations;

        @Mixin
        EgressOptions egress;

        @Override
        public Integer call() throws Exception {
            boolean clustered = redis != null && !redis.isBlank();
            if (standalone == clustered) {
                throw new ParameterException(spec.commandLine(),
                        "choose one: --standalone (alone, no Redis) or --redis URL (a member of the cluster)");
            }
            if (egressOnly && !clustered) {
                throw new ParameterException(spec.commandLine(), "--egress-only needs a cluster (--redis URL): it records"
                        + " rooms that other nodes host");
            }
            if (port < 0 || port > 65535 || rtcPort < 1 || rtcPort > 65535) {
                throw new ParameterException(spec.commandLine(), "--port and --rtc-port must be within 1-65535");
            }
            if ((tlsCert == null) != (tlsKey == null)) {
                throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
            }
            NamespaceSecrets secrets = cluster.secrets();
            if (clustered && secrets.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "cluster mode requires tokens: give each namespace's secret"
                        + " with --namespace-secret NAME=SECRET (or a 'namespaces:' section in --config)");
            }
            NodeConfig.Builder builder = NodeConfig.builder()
                    .access(cluster.access(secrets))
                    .operations(operationsSettings(secrets, !clustered))
                    .nodeId(nodeId)
                    .listenIp(listenIp)
                    .announcedIp(announcedIp)
                    .port(port)
                    .rtcPort(rtcPort)
                    .workerMode(workerMode)
                    .workerLogLevel(WorkerLogLevel.of(workerLogLevel))
                    .tls(tlsCert != null ? TlsSettings.files(tlsCert, tlsKey) : tls ? TlsSettings.selfSigned() : TlsSettings.disabled());
            if (rtcPorts != null) {
                builder.rtcPorts(rtcPorts.min(), rtcPorts.max());
            }
            try {
                builder.egress(egress.settings());
                builder.iceServers(iceServers.stream().map(IceServerLink::parse).toList());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            if (workers != null) {
                if (workers < 1) {
                    throw new ParameterException(spec.commandLine(), "--workers must be at least 1");
                }
                builder.workers(workers);
            }
            try {
                builder.roomSettings(RoomSettings.defaults().withPeerLimits(new PeerLimits(maxTransportsPerPeer, maxProducersPerPeer,
                        maxDataProducersPerPeer, maxConsumersPerPeer)).withNewRoomsPerAddressPerMinute(newRoomsPerMinutePerAddress)
                        .withAudioLevelsIntervalMs(audioLevelsIntervalMs));
                builder.webSocketLimits(connectionLimits.apply(
                        WebSocketLimits.defaults().withRequestRate(requestsPerSecondPerPeer, requestBurstPerPeer)));
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            if (workerMode == WorkerMode.REMOTE) {
                throw new ParameterException(spec.commandLine(), "--worker-mode remote is chosen by giving --media-hosts");
            }
            if (mediaHosts != null && !mediaHosts.isBlank()) {
                try {
                    builder.mediaHosts(MediaHostsOption.resolve(mediaHosts, MediaSecret.read(mediaSecretFile, "--media-secret-file"), mediaTlsCa,
                            nodeId, redis, ClusterStore.DEFAULT_KEY_PREFIX, region));
                } catch (IllegalArgumentException e) {
                    throw new ParameterException(spec.commandLine(), e.getMessage());
                }
                if (workers == null) {
                    builder.workers(1);
                }
            }
            if (clustered) {
                return runClustered(builder.build());
            }
            ClusterSettings alone = ClusterSettings.builder()
                    .placement(ClusterSettings.unlimited(cluster.placement()))
                    .cidrTable(cluster.cidrTable())
                    .build();
            NodeServer server = new NodeServer(builder.build(), alone).start();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }, "mscluster-shutdown"));
            System.err.println("mscluster: node " + nodeId + " serving " + server.url() + " (standalone; Ctrl-C to stop)");
            stopped.await();
            return 0;
        }

        private org.mscluster.signaling.operations.OperationsSettings operationsSettings(NamespaceSecrets secrets,
                boolean nodeEvents) {
            try {
                return operations.settings(secrets, nodeEvents);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
        }

        private int runClustered(NodeConfig config) throws Exception {
            Set<String> served = new LinkedHashSet<>(ConfigDefaults.splitList(namespaces));
            ClusterSettings settings;
            try {
                RedisUrl.parse(redis);
                settings = ClusterSettings.builder()
                        .redisUrl(redis)
                        .name(name)
                        .region(region)
                        .isp(isp)
                        .namespaces(served)
                        .priority(priority)
                        .egressOnly(egressOnly)
                        .placement(cluster.placement())
                        .cidrTable(cluster.cidrTable())
                        .build();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            Duration drainTimeout = Duration.ofSeconds(Math.max(0, drainTimeoutSeconds));
            NodeServer node = new NodeServer(config, settings).start();
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    node.drainAndClose(drainTimeout);
                } catch (InterruptedException e) {
                    node.close();
                }
                stopped.countDown();
            }, "mscluster-drain"));
            System.err.println("mscluster: node " + nodeId + " serving " + node.url() + " in the cluster as "
                    + node.identity().signalingUrl() + (egressOnly ? ", egress only" : "") + " (SIGTERM drains it)");
            // `mscluster node drain` marks the node draining in the registry; the node notices, and leaves once empty.
            while (!stopped.await(500, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                if (node.draining() && node.awaitEmpty(drainTimeout)) {
                    System.err.println("mscluster: node " + nodeId + " drained, leaving the cluster");
                    node.close();
                    return 0;
                }
            }
            return 0;
        }
    }

    @Command(name = "drain", mixinStandardHelpOptions = true,
            description = "Tell a cluster node to drain: it takes no new rooms, and leaves the cluster once its rooms are empty.")
    static final class Drain implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--config", description = "YAML file with any of these options")
        Path config;

        @Option(names = "--redis", required = true, description = "the cluster's Redis URL")
        String redis;

        @Option(names = "--node-id", required = true, description = "the node to drain")
        String nodeId;

        @Override
        public Integer call() {
            try (ClusterStore store = ClusterStore.redis(RedisUrl.parse(redis), ClusterStore.DEFAULT_KEY_PREFIX, Clock.systemUTC())) {
                if (!store.registry().setState(nodeId, NodeState.DRAINING)) {
                    spec.commandLine().getErr().println("mscluster: node " + nodeId + " is not live in the cluster");
                    return 1;
                }
            }
            spec.commandLine().getOut().println("node " + nodeId + " draining");
            return 0;
        }
    }
}
