package org.mscluster.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.model.NodeReport;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.registry.NodeRegistry;
import org.mscluster.cluster.testing.Nodes;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/** URL features against real servers: AUTH, ACL users, database selection, TLS, Sentinel. */
class RedisConnectionIT {
    private static final RoomKey ROOM = new RoomKey("default", "r");

    private static void useStore(ClusterStore store) {
        store.registry().register(new NodeReport(Nodes.identity("n1", "x", ""), Nodes.idle(1), List.of()));
        assertThat(store.directory().claim(new RoomPlacement(ROOM, "n1", 0, Nodes.T0)).won()).isTrue();
        assertThat(store.directory().lookup(ROOM)).map(RoomPlacement::nodeId).contains("n1");
    }

    @Test
    void passwordAndDatabase() {
        try (LocalRedisServer server = LocalRedisServer.start("--requirepass", "s3cret")) {
            String url = "redis://:s3cret@127.0.0.1:" + server.port() + "/3";
            try (ClusterStore store = ClusterStore.redis(RedisUrl.parse(url), "mscluster:", Clock.systemUTC())) {
                useStore(store);
            }
            try (UnifiedJedis db3 = RedisClients.open(RedisUrl.parse(url))) {
                assertThat(db3.exists("mscluster:room:default:r")).isTrue();
            }
            try (UnifiedJedis db0 = RedisClients.open(RedisUrl.parse("redis://:s3cret@127.0.0.1:" + server.port()))) {
                assertThat(db0.exists("mscluster:room:default:r")).isFalse();
            }
            try (UnifiedJedis wrong = RedisClients.open(RedisUrl.parse("redis://:nope@127.0.0.1:" + server.port()))) {
                assertThatThrownBy(wrong::ping).isInstanceOf(JedisException.class);
            }
        }
    }

    @Test
    void aclUser() {
        try (LocalRedisServer server = LocalRedisServer.start("--user", "mscluster", "on", ">pw", "~mscluster:*", "+@all",
                "--user", "default", "off")) {
            String url = "redis://mscluster:pw@127.0.0.1:" + server.port();
            try (ClusterStore store = ClusterStore.redis(RedisUrl.parse(url), "mscluster:", Clock.systemUTC())) {
                useStore(store);
            }
            try (UnifiedJedis anonymous = new JedisPooled("127.0.0.1", server.port())) {
                assertThatThrownBy(anonymous::ping).isInstanceOf(JedisException.class);
            }
        }
    }

    @Test
    void sentinel() {
        try (LocalRedisServer master = LocalRedisServer.start();
                LocalRedisServer sentinel = LocalRedisServer.startSentinel(master, "mymaster")) {
            String url = "redis-sentinel://127.0.0.1:" + sentinel.port() + "/mymaster";
            try (ClusterStore store = ClusterStore.redis(RedisUrl.parse(url), "mscluster:", Clock.systemUTC())) {
                useStore(store);
            }
            try (JedisPooled direct = new JedisPooled("127.0.0.1", master.port())) {
                assertThat(direct.exists("mscluster:room:default:r")).isTrue();
            }
        }
    }

    @Test
    void tlsWithTheServersHostChecked() throws Exception {
        try (LocalRedisServer server = LocalRedisServer.startTls()) {
            SSLSocketFactory trustingTestCa = trusting(server.certificate());
            String url = "rediss://127.0.0.1:" + server.port();
            try (UnifiedJedis redis = RedisClients.open(RedisUrl.parse(url), 4, trustingTestCa);
                    ClusterStore store = ClusterStore.redis(redis, KeySpace.defaults(), NodeRegistry.DEFAULT_EXPIRY,
                            Clock.systemUTC(), false)) {
                useStore(store);
            }
            // The certificate names 127.0.0.1 only: at another address the server must be refused.
            try (UnifiedJedis wrongName = RedisClients.open(RedisUrl.parse("rediss://127.0.0.2:" + server.port()), 1,
                    trustingTestCa)) {
                assertThatThrownBy(wrongName::ping).isInstanceOf(JedisException.class)
                        .hasRootCauseInstanceOf(java.security.cert.CertificateException.class);
            }
            // And without trusting the certificate at all.
            try (UnifiedJedis untrusted = RedisClients.open(RedisUrl.parse(url), 1)) {
                assertThatThrownBy(untrusted::ping).isInstanceOf(JedisException.class)
                        .hasStackTraceContaining("PKIX");
            }
        }
    }

    private static SSLSocketFactory trusting(Path pem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(pem)) {
            trust.setCertificateEntry("redis", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx.getSocketFactory();
    }
}
