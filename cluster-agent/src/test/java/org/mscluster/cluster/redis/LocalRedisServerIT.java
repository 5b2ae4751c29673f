package org.mscluster.cluster.redis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/** The launcher's huge-pages setting reaches the server: Redis's own switch, and its jemalloc's option. */
class LocalRedisServerIT {

    @Test
    void aServerStartsWithHugePagesAllowedUnlessAskedNotTo() {
        try (LocalRedisServer server = LocalRedisServer.start(); Jedis redis = new Jedis("127.0.0.1", server.port())) {
            assertThat(redis.configGet("disable-thp")).containsEntry("disable-thp", "no");
            assertThat(mallocStats(redis)).contains("opt.thp: \"always\"");
        }
        try (LocalRedisServer server = LocalRedisServer.start(false); Jedis redis = new Jedis("127.0.0.1", server.port())) {
            assertThat(redis.configGet("disable-thp")).containsEntry("disable-thp", "yes");
            assertThat(mallocStats(redis)).doesNotContain("opt.thp: \"always\"");
        }
    }

    /** {@code MEMORY MALLOC-STATS}: jemalloc's own report, its options included. */
    private static String mallocStats(Jedis redis) {
        redis.clients.jedis.commands.ProtocolCommand memory = () -> "MEMORY".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        Object reply = redis.sendCommand(memory, "MALLOC-STATS");
        return reply instanceof byte[] bytes ? new String(bytes, java.nio.charset.StandardCharsets.UTF_8) : String.valueOf(reply);
    }
}
