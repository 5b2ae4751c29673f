package org.mscluster.cluster.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.redis.LocalRedisServer;
import org.mscluster.cluster.redis.RedisUrl;
import redis.clients.jedis.JedisPooled;

/** The benchmark runs end to end and cleans up; its figures are printed, never asserted. */
class DispatchBenchmarkIT {
    private static LocalRedisServer server;

    @BeforeAll
    static void startRedis() {
        server = LocalRedisServer.start();
    }

    @AfterAll
    static void stopRedis() {
        server.close();
    }

    @Test
    void measuresWithoutSplittingRoomsAndLeavesNothingBehind() {
        BenchmarkResult r = DispatchBenchmark.run(RedisUrl.parse(server.url()),
                new DispatchBenchmark.Settings(20, 2_000, 16, 3, 4));
        System.out.println("dispatch benchmark: " + r.summary());
        assertThat(r.decisions()).isEqualTo(2_000);
        assertThat(r.failures()).isZero();
        assertThat(r.splitRooms()).isZero();
        assertThat(r.decisionsPerSecond()).isPositive();
        assertThat(r.p50Micros()).isLessThanOrEqualTo(r.p99Micros());
        assertThat(r.p99Micros()).isLessThanOrEqualTo(r.maxMicros());
        try (JedisPooled redis = new JedisPooled("127.0.0.1", server.port())) {
            assertThat(redis.dbSize()).isZero();
        }
    }
}
