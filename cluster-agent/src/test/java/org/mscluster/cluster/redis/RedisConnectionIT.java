package org.mscluster.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.ClusterStore;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.cluster.model.RoomPlacement;
import org.mscluster.cluster.testing.Nodes;
import org.mscluster.cluster.testing.RedisServer;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisException;

/** URL features against real servers: AUTH, ACL users, database selection, Sentinel. */
class RedisConnectionIT {
    private static final RoomKey ROOM = new RoomKey("default", "r");

    private static void useStore(ClusterStore store) {
        store.registry().register(Nodes.identity("n1", "x", ""), Nodes.idle(1));
        assertThat(store.directory().claim(new RoomPlacement(ROOM, "n1", 0, Nodes.T0)).won()).isTrue();
        assertThat(store.directory().lookup(ROOM)).map(RoomPlacement::nodeId).contains("n1");
    }

    @Test
    void passwordAndDatabase() {
        try (RedisServer server = RedisServer.start("--requirepass", "s3cret")) {
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
        try (RedisServer server = RedisServer.start("--user", "mscluster", "on", ">pw", "~mscluster:*", "+@all",
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
        try (RedisServer master = RedisServer.start();
                RedisServer sentinel = RedisServer.startSentinel(master, "mymaster")) {
            String url = "redis-sentinel://127.0.0.1:" + sentinel.port() + "/mymaster";
            try (ClusterStore store = ClusterStore.redis(RedisUrl.parse(url), "mscluster:", Clock.systemUTC())) {
                useStore(store);
            }
            try (JedisPooled direct = new JedisPooled("127.0.0.1", master.port())) {
                assertThat(direct.exists("mscluster:room:default:r")).isTrue();
            }
        }
    }
}
