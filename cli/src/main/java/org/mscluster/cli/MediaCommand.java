package org.mscluster.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.mscluster.channel.MediasoupVersion;
import org.mscluster.channel.NativeBinaries;
import org.mscluster.channel.remote.MediaHost;
import org.mscluster.channel.remote.MediaHostSettings;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.agent.ClusterAgent;
import org.mscluster.cluster.load.HostSampler;
import org.mscluster.cluster.model.NodeIdentity;
import org.mscluster.cluster.model.NodeState;
import org.mscluster.cluster.model.RegionPath;
import org.mscluster.cluster.redis.RedisUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "media", description = "A media host: mediasoup workers that signaling nodes elsewhere drive.",
        subcommands = MediaCommand.Start.class)
final class MediaCommand {

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Start a media host and serve until SIGTERM.",
                    "Each node link (`mscluster node start --media-hosts HOST:PORT`) gets a worker process of its own"
                            + " in a free slot; slot i's WebRTC server listens on --rtc-port + i, UDP and TCP.",
                    "Links prove the secret of --secret-file before any channel byte passes; give --tls-cert/--tls-key"
                            + " to encrypt them (nodes then use tls://HOST:PORT)."})
    static final class Start implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--config", description = "YAML file with any of these options (keys as the option names)")
        Path config;

        @Option(names = "--host-id", description = "this media host's id in logs and in the cluster (default: media-HOSTNAME)")
        String hostId;

        @Option(names = "--name", description = "a label for dashboards (default: the host id)")
        String name;

        @Option(names = "--listen-ip", defaultValue = "127.0.0.1",
                description = "address the link port and the WebRTC ports bind to (default ${DEFAULT-VALUE}; 0.0.0.0 for all)")
        String listenIp;

        @Option(names = "--port", defaultValue = "4460", description = "the link port nodes connect to (default ${DEFAULT-VALUE})")
        int port;

        @Option(names = "--announced-ip", description = "the address browsers reach the WebRTC ports at (default: --listen-ip)")
        String announcedIp;

        @Option(names = "--workers", description = "workers that may run at once, one per node link (default: one per core)")
        Integer workers;

        @Option(names = "--rtc-port", defaultValue = "45000",
                description = "WebRTC port of slot 0 (UDP and TCP); slot i uses base+i (default ${DEFAULT-VALUE})")
        int rtcPort;

        @Option(names = "--secret-file", required = true, description = "file holding the secret nodes must prove (at least "
                + MediaSecret.MIN_BYTES + " bytes; surrounding whitespace is ignored)")
        Path secretFile;

        @Option(names = "--tls-cert", description = "PEM certificate chain: the link port speaks TLS")
        Path tlsCert;

        @Option(names = "--tls-key", description = "PEM (PKCS#8) private key of --tls-cert")
        Path tlsKey;

        @Option(names = "--redis", description = "Redis URL: register in the cluster (workers, load), for nodes started"
                + " with --media-hosts auto, the dashboard and `mscluster status`")
        String redis;

        @Option(names = "--key-prefix", defaultValue = ClusterStore.DEFAULT_KEY_PREFIX, description = "the cluster's Redis key prefix")
        String keyPrefix;

        @Option(names = "--region", defaultValue = "", description = "region path, most general first, e.g. asia/cn/east")
        String region;

        @Option(names = "--isp", defaultValue = "", description = "the carrier this host is attached to")
        String isp;

        @Override
        public Integer call() throws Exception {
            if ((tlsCert == null) != (tlsKey == null)) {
                throw new ParameterException(spec.commandLine(), "--tls-cert and --tls-key go together");
            }
            if (port < 1 || port > 65535) {
                throw new ParameterException(spec.commandLine(), "--port must be within 1-65535");
            }
            int slots = workers == null ? Math.max(1, Runtime.getRuntime().availableProcessors()) : workers;
            String id = hostId != null ? hostId : "media-" + localHostName();
            MediaHostSettings settings;
            try {
                settings = new MediaHostSettings(id, listenIp, port, announcedIp, slots, rtcPort,
                        MediaSecret.read(secretFile, "--secret-file"),
                        tlsCert, tlsKey, NativeBinaries.locate(), MediasoupVersion.get(), null);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            NativeBinaries.locate().workerExecutable(); // fails now, with the fix in its message, rather than at the first link
            MediaHost host;
            try {
                host = MediaHost.start(settings);
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            ClusterStore store = null;
            ClusterAgent agent = null;
            if (redis != null && !redis.isBlank()) {
                try {
                    store = ClusterStore.redis(RedisUrl.parse(redis), keyPrefix, Clock.systemUTC());
                    NodeIdentity identity = new NodeIdentity(id, name, RegionPath.parse(region), isp,
                            (settings.tls() ? NodeIdentity.MEDIA_TLS_SCHEME : NodeIdentity.MEDIA_SCHEME) + "://"
                                    + linkHost(settings) + ":" + host.port() + "/",
                            List.of(settings.announcedAddress()), Set.of(NodeIdentity.ALL_NAMESPACES), 0, NodeState.UP);
                    MediaHostReports reports = new MediaHostReports(host, identity, new HostSampler(Path.of("/")), Clock.systemUTC());
                    agent = ClusterAgent.builder().registry(store.registry()).directory(store.directory()).identity(identity)
                            .report(reports::sample).interval(Duration.ofSeconds(1)).build();
                    agent.start();
                } catch (RuntimeException e) {
                    host.close();
                    if (store != null) {
                        store.close();
                    }
                    throw new ParameterException(spec.commandLine(), "cannot join the cluster at " + redis + ": " + e.getMessage());
                }
            }
            ClusterStore ownedStore = store;
            ClusterAgent ownedAgent = agent;
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                if (ownedAgent != null) {
                    ownedAgent.close();
                }
                host.close();
                if (ownedStore != null) {
                    ownedStore.close();
                }
                stopped.countDown();
            }, "mscluster-media-shutdown"));
            System.err.println("mscluster: media host " + id + " serving " + slots + " worker(s) on "
                    + (settings.tls() ? "tls://" : "") + listenIp + ":" + host.port() + ", WebRTC on ports " + rtcPort + "-"
                    + (rtcPort + slots - 1) + " announced as " + settings.announcedAddress()
                    + (agent != null ? ", in the cluster" : "") + " (SIGTERM stops it)");
            stopped.await();
            return 0;
        }

        /** The address nodes that discover this host in the cluster connect to. */
        private String linkHost(MediaHostSettings settings) {
            String address = listenIp.equals("0.0.0.0") || listenIp.equals("::") ? settings.announcedAddress() : listenIp;
            return address.contains(":") ? "[" + address + "]" : address;
        }

        private static String localHostName() {
            try {
                return InetAddress.getLocalHost().getHostName().replaceAll("[^A-Za-z0-9._-]", "-");
            } catch (UnknownHostException e) {
                return "host";
            }
        }
    }
}
