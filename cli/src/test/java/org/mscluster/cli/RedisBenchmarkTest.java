package org.mscluster.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.redis.RedisUrl;

class RedisBenchmarkTest {

    @Test
    void parsesCsvOutput() {
        String csv = "\"test\",\"rps\",\"avg_latency_ms\",\"min_latency_ms\",\"p50_latency_ms\",\"p95_latency_ms\","
                + "\"p99_latency_ms\",\"max_latency_ms\"\n"
                + "\"eval return 1 0\",\"38610.04\",\"0.854\",\"0.136\",\"0.655\",\"2.759\",\"4.575\",\"6.007\"\n";
        assertThat(RedisBenchmark.parse(csv)).isEqualTo(OptionalDouble.of(38610.04));
    }

    @Test
    void parsesQuietOutputAfterItsProgressLines() {
        String quiet = "eval return 1 0: rps=0.0 (overall: 0.0) avg_msec=-nan (overall: -nan)\r"
                + "eval return 1 0: rps=48605.6 (overall: 48221.3) avg_msec=0.687 (overall: 0.687)\r"
                + "eval return 1 0: 42698.55 requests per second, p50=0.359 msec\n";
        assertThat(RedisBenchmark.parse(quiet)).isEqualTo(OptionalDouble.of(42698.55));
    }

    @Test
    void parsesTheFullReportsSummary() {
        String full = "====== eval return 1 0 ======\n  100000 requests completed in 2.40 seconds\n"
                + "  50 parallel clients\n\nSummary:\n  throughput summary: 41718.81 requests per second\n"
                + "  latency summary (msec):\n          avg       min       p50\n        0.798     0.136     0.367\n";
        assertThat(RedisBenchmark.parse(full)).isEqualTo(OptionalDouble.of(41718.81));
        assertThat(RedisBenchmark.parse("throughput summary: 50000 requests per second")).isEqualTo(OptionalDouble.of(50000));
    }

    @Test
    void nothingToParse() {
        assertThat(RedisBenchmark.parse("")).isEmpty();
        assertThat(RedisBenchmark.parse("Could not connect to Redis at 127.0.0.1:1: Connection refused\n")).isEmpty();
        assertThat(RedisBenchmark.parse("\"test\",\"rps\"\n\"eval\",\"n/a\"\n")).isEmpty();
    }

    @Test
    void theCommandCarriesHostPortAuthDatabaseAndTls() {
        assertThat(RedisBenchmark.command(RedisUrl.parse("redis://127.0.0.1:7000"), 1000, 50)).containsExactly(
                "redis-benchmark", "-h", "127.0.0.1", "-p", "7000", "-n", "1000", "-c", "50", "--csv",
                "eval", "return 1", "0");
        var cmd = RedisBenchmark.command(RedisUrl.parse("rediss://bench:s3cret@redis.example:6380/2"), 10, 5);
        assertThat(cmd).containsSubsequence("-a", "s3cret", "--user", "bench", "--dbnum", "2", "--tls", "--sni",
                "redis.example");
        assertThat(RedisBenchmark.display(cmd)).contains("-a ***").doesNotContain("s3cret").contains("\"return 1\"");
        assertThatThrownBy(() -> RedisBenchmark.command(RedisUrl.parse("redis-sentinel://127.0.0.1:26379/main"), 10, 5))
                .hasMessageContaining("Sentinel");
    }

    @Test
    void runsBracketingTheMeasurementAreAveraged() {
        var cmd = List.of("redis-benchmark");
        var both = RedisBenchmark.Result.mean(RedisBenchmark.Result.measured(cmd, 40_000),
                RedisBenchmark.Result.measured(cmd, 50_000));
        assertThat(both.perSecond()).isEqualTo(OptionalDouble.of(45_000));
        assertThat(both.samples()).containsExactly(40_000.0, 50_000.0);
        var one = RedisBenchmark.Result.mean(RedisBenchmark.Result.skipped(cmd, "exited 1"),
                RedisBenchmark.Result.measured(cmd, 30_000));
        assertThat(one.perSecond()).isEqualTo(OptionalDouble.of(30_000));
        var none = RedisBenchmark.Result.mean(RedisBenchmark.Result.skipped(cmd, "exited 1"),
                RedisBenchmark.Result.skipped(cmd, "exited 2"));
        assertThat(none.perSecond()).isEmpty();
        assertThat(none.skipped()).isEqualTo("exited 1");
    }
}
