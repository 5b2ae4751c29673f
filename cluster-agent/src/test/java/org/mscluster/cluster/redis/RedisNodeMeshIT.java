package org.mscluster.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.mesh.NodeMesh;
import org.mscluster.cluster.mesh.NodeMeshContract;
import org.mscluster.cluster.registry.NodeRegistry;
import redis.clients.jedis.UnifiedJedis;

class RedisNodeMeshIT extends NodeMeshContract {
    private static LocalRedisServer server;
    private UnifiedJedis redis;
    private KeySpace keys;
    private RedisNodeMesh mesh;

    @BeforeAll
    static void startRedis() {
        server = LocalRedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @BeforeEach
    void open() {
        redis = RedisClients.open(RedisUrl.parse(server.url()));
        keys = new KeySpace("test-" + UUID.randomUUID() + ":");
        mesh = new RedisNodeMesh(redis, keys);
    }

    @AfterEach
    void close() {
        mesh.close();
        redis.close();
    }

    @Override
    protected NodeMesh mesh() {
        return mesh;
    }

    @Override
    protected int pendingRequests() {
        return mesh.pendingRequests();
    }

    @Test
    void nodesOnTwoMeshesTalk() throws Exception {
        // Two agents (two JVMs in production), each with its own client and mesh.
        try (UnifiedJedis otherClient = RedisClients.open(RedisUrl.parse(server.url()));
                RedisNodeMesh other = new RedisNodeMesh(otherClient, keys);
                NodeMesh.Subscription a = listening(mesh.listen("a", new Recorder()));
                NodeMesh.Subscription b = listening(other.listen("b", new Recorder()))) {
            assertThat(mesh.request("a", "b", "hello", Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS)).isEqualTo("a asked hello");
            assertThat(other.request("b", "a", "hi", Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS)).isEqualTo("b asked hi");
        }
    }

    @Test
    void garbageOnTheChannelIsIgnoredAndTheNodeGoesOn() throws Exception {
        Recorder b = new Recorder();
        try (NodeMesh.Subscription sa = listening(mesh.listen("a", new Recorder()));
                NodeMesh.Subscription sb = listening(mesh.listen("b", b))) {
            redis.publish(keys.nodeMesh("b"), "{not json");
            redis.publish(keys.nodeMesh("b"), "{\"kind\":\"explode\",\"from\":\"x\"}");
            redis.publish(keys.nodeMesh("a"), MeshEnvelope.answer("b", "nobody-asked", "stray").encode());
            mesh.send("a", "b", "fine");
            assertThat(mesh.request("a", "b", "q", Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS)).isEqualTo("a asked q");
            assertThat(b.messages).containsExactly("a:fine");
        }
    }

    @Test
    void theChannelIsTheKeySpaces() {
        assertThat(keys.nodeMesh("n1")).isEqualTo(keys.prefix() + "node-mesh:n1");
        try (NodeMesh.Subscription sb = listening(mesh.listen("n1", new Recorder()))) {
            assertThat(redis.publish(keys.nodeMesh("n1"), "ignored")).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.publish(keys.nodeMesh("n1"), "ignored") == 0);
    }

    @Test
    void aClosedSubscriptionLeavesItsConnectionCleanInThePool() {
        // Two connections: the one a subscription gave back is the next command's. Left with an
        // unread reply, that command would read it as its own answer.
        try (UnifiedJedis small = RedisClients.open(RedisUrl.parse(server.url()), 2);
                RedisNodeMesh meshOnSmallPool = new RedisNodeMesh(small, keys)) {
            for (int i = 0; i < 20; i++) {
                NodeMesh.Subscription s = listening(meshOnSmallPool.listen("n" + i, new Recorder()));
                for (int m = 0; m < 5; m++) { // in flight as it closes
                    meshOnSmallPool.send("x", "n" + i, "m" + m);
                    small.publish(keys.nodeMesh("n" + i), "ignored");
                }
                s.close();
                small.set(keys.prefix() + "probe", "v" + i);
                assertThat(small.get(keys.prefix() + "probe")).isEqualTo("v" + i);
                assertThat(small.incr(keys.prefix() + "count")).isEqualTo(i + 1L);
            }
        }
    }

    @Test
    void listeningResumesByItselfAfterRedisRestarts() {
        Recorder b = new Recorder();
        try (NodeMesh.Subscription sa = listening(mesh.listen("a", new Recorder()));
                NodeMesh.Subscription sb = listening(mesh.listen("b", b))) {
            server.kill();
            await().atMost(Duration.ofSeconds(5)).until(() -> !sa.active() && !sb.active());
            // While Redis is down: messages are dropped without a word, requests fail.
            mesh.send("a", "b", "lost");
            assertThat(meshFailure(mesh.request("a", "b", "q", Duration.ofSeconds(30)))).hasMessageContaining("could not reach node b");

            server.restart(); // empty, on the same port
            await().atMost(Duration.ofSeconds(10)).until(() -> sa.active() && sb.active());
            assertThat(mesh.request("a", "b", "again", Duration.ofSeconds(5)).join()).isEqualTo("a asked again");
            List<String> sent = IntStream.range(0, 100).mapToObj(i -> "a:" + i).toList();
            IntStream.range(0, 100).forEach(i -> mesh.send("a", "b", Integer.toString(i)));
            await().atMost(Duration.ofSeconds(5)).until(() -> b.messages.size() == 100);
            assertThat(b.messages).isEqualTo(sent);
            assertThat(pendingRequests()).isZero();
        }
    }

    @Test
    void theClusterStoresMeshIsRedisAndClosesWithTheStore() throws Exception {
        ClusterStore store = ClusterStore.redis(redis, keys, NodeRegistry.DEFAULT_EXPIRY, Clock.systemUTC(), false);
        NodeMesh.Subscription sa = listening(store.mesh().listen("a", new Recorder()));
        try (NodeMesh.Subscription sb = listening(mesh.listen("b", new Recorder()))) {
            assertThat(store.mesh()).isInstanceOf(RedisNodeMesh.class);
            assertThat(store.mesh().request("a", "b", "q", Duration.ofSeconds(5)).get(5, TimeUnit.SECONDS)).isEqualTo("a asked q");
            store.close();
            assertThat(sa.active()).isFalse();
            assertThat(redis.ping()).isEqualTo("PONG"); // the client was not the store's to close
        }
    }
}
