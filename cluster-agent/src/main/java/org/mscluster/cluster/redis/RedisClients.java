package org.mscluster.cluster.redis;

import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocketFactory;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;
import redis.clients.jedis.Connection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisSentineled;
import redis.clients.jedis.UnifiedJedis;

/**
 * Opens a pooled Jedis client for a {@link RedisUrl}: {@link JedisPooled} for one server,
 * {@link JedisSentineled} (which follows master failovers) for Sentinel. Both are
 * {@link UnifiedJedis}, the type the Redis registry and directory take.
 */
public final class RedisClients {
    /** Enough for the heartbeat, the sweeper and a busy dispatcher's request threads. */
    public static final int DEFAULT_POOL_SIZE = 32;

    private RedisClients() {}

    public static UnifiedJedis open(RedisUrl url) {
        return open(url, DEFAULT_POOL_SIZE);
    }

    public static UnifiedJedis open(RedisUrl url, int poolSize) {
        return open(url, poolSize, null);
    }

    /**
     * @param sslSocketFactory for {@code rediss://}: trusts the server's certificate; null for the
     *     JVM's default trust store (configure it with {@code -Djavax.net.ssl.trustStore=...}).
     *     The server's host name or IP is always checked against its certificate.
     */
    public static UnifiedJedis open(RedisUrl url, int poolSize, SSLSocketFactory sslSocketFactory) {
        GenericObjectPoolConfig<Connection> pool = new GenericObjectPoolConfig<>();
        pool.setMaxTotal(poolSize);
        pool.setMaxIdle(poolSize);
        pool.setMinIdle(0);
        // After a Redis restart every idle connection is dead, and each would fail one command
        // before the pool drops it: a node could miss several beats in a row and drop out. Testing
        // idle connections every second clears them in the background; testing on borrow instead
        // would add a round trip to every placement.
        pool.setTestOnBorrow(false);
        pool.setTestWhileIdle(true);
        pool.setTimeBetweenEvictionRuns(Duration.ofSeconds(1));
        pool.setNumTestsPerEvictionRun(-1); // all idle connections
        pool.setMinEvictableIdleDuration(Duration.ofMinutes(5));
        pool.setJmxEnabled(false);
        JedisClientConfig master = tls(DefaultJedisClientConfig.builder(), url, sslSocketFactory)
                .user(url.user())
                .password(url.password())
                .database(url.database())
                .connectionTimeoutMillis(url.timeoutMillis())
                .socketTimeoutMillis(url.timeoutMillis())
                .clientName("mscluster")
                .build();
        if (url.mode() == RedisUrl.Mode.STANDALONE) {
            RedisUrl.Host h = url.hosts().get(0);
            return new JedisPooled(new HostAndPort(h.host(), h.port()), master, pool);
        }
        JedisClientConfig sentinel = tls(DefaultJedisClientConfig.builder(), url, sslSocketFactory)
                .user(url.sentinelUser())
                .password(url.sentinelPassword())
                .connectionTimeoutMillis(url.timeoutMillis())
                .socketTimeoutMillis(url.timeoutMillis())
                .clientName("mscluster-sentinel")
                .build();
        Set<HostAndPort> sentinels = url.hosts().stream()
                .map(h -> new HostAndPort(h.host(), h.port()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return new JedisSentineled(url.masterName(), master, pool, sentinels, sentinel);
    }

    private static DefaultJedisClientConfig.Builder tls(DefaultJedisClientConfig.Builder b, RedisUrl url,
            SSLSocketFactory factory) {
        if (!url.tls()) {
            return b;
        }
        // Without endpoint identification any certificate the trust store accepts would do, for
        // any host: a man in the middle with one valid certificate could read every token.
        SSLParameters params = new SSLParameters();
        params.setEndpointIdentificationAlgorithm("HTTPS");
        b.ssl(true).sslParameters(params);
        if (factory != null) {
            b.sslSocketFactory(factory);
        }
        return b;
    }
}
