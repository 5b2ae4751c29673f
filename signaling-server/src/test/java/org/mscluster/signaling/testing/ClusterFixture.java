package org.mscluster.signaling.testing;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.load.HostLoadSource;
import org.mscluster.cluster.model.HostLoad;
import org.mscluster.cluster.redis.LocalRedisServer;
import org.mscluster.cluster.redis.RedisUrl;
import org.mscluster.cluster.token.NamespaceSecrets;
import org.mscluster.cluster.token.TokenIssuer;
import org.mscluster.signaling.NodeConfig;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.room.RoomSettings;
import org.mscluster.signaling.access.AccessGuard;
import org.mscluster.signaling.access.TokenAccessGuard;
import org.mscluster.signaling.cluster.ClusterSettings;
import org.mscluster.signaling.dispatcher.DispatcherConfig;
import org.mscluster.signaling.dispatcher.DispatcherServer;

/**
 * A cluster on this machine for integration tests (here and in the CLI's): a real {@code redis-server}, nodes as in-JVM
 * {@link NodeServer}s (real workers), dispatchers, tokens. Everything binds 127.0.0.1 and is
 * closed by {@link #close()}, newest first. Nodes report a fixed, light machine load unless a test
 * says otherwise, so that placement does not depend on how busy the build machine is.
 */
public final class ClusterFixture implements AutoCloseable {

    public static final String ACME_SECRET = "acme-0123456789abcdef0123456789abcdef";
    public static final String BETA_SECRET = "beta-0123456789abcdef0123456789abcdef";
    public static final String DEFAULT_SECRET = "default-0123456789abcdef0123456789abcdef";
    public static final HostLoad LIGHT = HostLoad.of(0.10, 0.30, 0, 0, 0.20);

    public final LocalRedisServer redis;
    public final NamespaceSecrets secrets = NamespaceSecrets.parse(List.of("acme=" + ACME_SECRET, "beta=" + BETA_SECRET,
            "default=" + DEFAULT_SECRET));
    public final AccessGuard access = new TokenAccessGuard(secrets, Clock.systemUTC());
    public final TokenIssuer issuer = new TokenIssuer(secrets, Clock.systemUTC());
    private final List<AutoCloseable> started = new ArrayList<>();
    private ClusterStore store;
    private int dispatchers;

    public ClusterFixture() throws IOException {
        this.redis = LocalRedisServer.start();
        started.add(redis);
    }

    /** A node with {@code workers} workers; {@code customize} sets region, ISP, namespaces… */
    public NodeServer node(String id, int workers, Consumer<ClusterSettings.Builder> customize) throws Exception {
        return node(id, workers, customize, access);
    }

    /** A node that lets everybody join (browser tests, whose pages carry no tokens). */
    public NodeServer openNode(String id, int workers) throws Exception {
        return node(id, workers, s -> { }, AccessGuard.OPEN);
    }

    /** An open node with settings of its own (region, ISP…). */
    public NodeServer openNode(String id, int workers, Consumer<ClusterSettings.Builder> customize) throws Exception {
        return node(id, workers, customize, AccessGuard.OPEN);
    }

    private NodeServer node(String id, int workers, Consumer<ClusterSettings.Builder> customize, AccessGuard guard)
            throws Exception {
        return node(id, workers, customize, guard, c -> { });
    }

    /** A node with its own node configuration too (operations: webhooks, metrics…). */
    public NodeServer node(String id, int workers, Consumer<ClusterSettings.Builder> customize,
            Consumer<NodeConfig.Builder> configure) throws Exception {
        return node(id, workers, customize, access, configure);
    }

    private NodeServer node(String id, int workers, Consumer<ClusterSettings.Builder> customize, AccessGuard guard,
            Consumer<NodeConfig.Builder> configure) throws Exception {
        ClusterSettings.Builder settings = ClusterSettings.builder().redisUrl(redis.url())
                .hostLoad(HostLoadSource.fixed(LIGHT)).unusedClaimGrace(Duration.ofSeconds(30));
        customize.accept(settings);
        NodeConfig.Builder builder = NodeConfig.builder().nodeId(id).listenIp("127.0.0.1").port(0).workers(workers)
                .rtcPort(freePortRange(workers)).access(guard)
                // Every client of a test shares 127.0.0.1, and tests open rooms faster than one address may.
                .roomSettings(RoomSettings.defaults().withNewRoomsPerAddressPerMinute(1_000_000));
        configure.accept(builder);
        NodeConfig config = builder.build();
        NodeServer node = new NodeServer(config, settings.build()).start();
        started.add(node);
        return node;
    }

    public NodeServer node(String id, int workers) throws Exception {
        return node(id, workers, s -> { });
    }

    /** Closes {@code resource} with the fixture, newest first (a node process, a second dispatcher…). */
    public <T extends AutoCloseable> T closeAtEnd(T resource) {
        started.add(resource);
        return resource;
    }

    public DispatcherServer dispatcher() throws Exception {
        return dispatcher(b -> { });
    }

    public DispatcherServer dispatcher(Consumer<DispatcherConfig.Builder> customize) throws Exception {
        DispatcherConfig.Builder config = DispatcherConfig.builder().id("dispatcher-" + (++dispatchers)).redisUrl(redis.url())
                .listenIp("127.0.0.1").port(0).access(access);
        customize.accept(config);
        DispatcherServer dispatcher = DispatcherServer.start(config.build());
        started.add(dispatcher);
        return dispatcher;
    }

    /** The cluster store as an operator's tool sees it (registry and directory in Redis). */
    public synchronized ClusterStore store() {
        if (store == null) {
            store = ClusterStore.redis(RedisUrl.parse(redis.url()), ClusterStore.DEFAULT_KEY_PREFIX, Clock.systemUTC());
            started.add(store);
        }
        return store;
    }

    public String token(String namespace, String roomId, String peerId) {
        return issuer.issueJoin(namespace, roomId, peerId, Duration.ofHours(1));
    }

    /** The WebSocket URL a client of {@code roomId} opens at {@code base} (a dispatcher or node), with a valid token. */
    public String entry(String base, String namespace, String roomId, String peerId) {
        return query(base, namespace, roomId, peerId, token(namespace, roomId, peerId));
    }

    public static String query(String base, String namespace, String roomId, String peerId, String token) {
        String url = base.replaceFirst("^http", "ws") + "?roomId=" + enc(roomId) + "&peerId=" + enc(peerId)
                + "&namespace=" + enc(namespace);
        return token == null ? url : url + "&token=" + enc(token);
    }

    public static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    public static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A base port whose next {@code count} TCP and UDP ports are free now. */
    public static int freePortRange(int count) throws IOException {
        for (int attempt = 0; attempt < 100; attempt++) {
            // Below Linux's ephemeral range (32768 and up): a port checked free here is not then taken by an
            // outgoing connection or another test's port-0 socket before the worker binds it.
            int base = 10000 + (int) (Math.random() * (32000 - 10000 - count));
            boolean free = true;
            for (int i = 0; i < count && free; i++) {
                try (ServerSocket tcp = new ServerSocket(base + i); DatagramSocket udp = new DatagramSocket(base + i)) {
                    tcp.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IOException("no free port range");
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                // keep closing the rest
            }
        }
        started.clear();
    }
}
