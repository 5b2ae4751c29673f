package org.mscluster.cluster.redis;

import java.util.function.Supplier;
import org.mscluster.cluster.ClusterStoreException;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs one Redis operation, retrying it when the connection it borrowed turns out to be dead.
 *
 * <p>After a Redis restart every pooled connection is dead; without this, each of them would
 * fail one placement or heartbeat before the pool noticed. On the first connection failure the
 * idle connections are dropped wholesale, so the retry gets a fresh one. Every operation of the
 * registry and the directory is safe to repeat: a claim that did commit before its reply was
 * lost comes back as held by the same proposal.
 */
final class RedisCalls {
    private static final int MAX_ATTEMPTS = 3;

    private RedisCalls() {}

    /**
     * @throws ClusterStoreException when Redis cannot be reached after the retries, or refuses the
     *     operation: callers outside this module never see a Redis client's exception
     */
    static <T> T run(UnifiedJedis redis, Supplier<T> operation) {
        for (int attempt = 1; ; attempt++) {
            try {
                return operation.get();
            } catch (JedisConnectionException e) {
                if (attempt >= MAX_ATTEMPTS) {
                    throw new ClusterStoreException("Redis unreachable: " + e.getMessage(), e);
                }
                if (redis instanceof JedisPooled pooled) {
                    pooled.getPool().clear(); // Sentinel pools are rebuilt by Jedis on failover instead
                }
            } catch (JedisException e) {
                throw new ClusterStoreException("Redis refused an operation: " + e.getMessage(), e);
            }
        }
    }

    static void run(UnifiedJedis redis, Runnable operation) {
        run(redis, () -> {
            operation.run();
            return null;
        });
    }
}
