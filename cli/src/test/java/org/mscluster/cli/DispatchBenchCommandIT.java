package org.mscluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mscluster.cluster.redis.LocalRedisServer;

/** {@code mscluster bench dispatch} end to end with small numbers; structure only, never timing. */
class DispatchBenchCommandIT {

    private static JsonNode parse(CliRun run) throws Exception {
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(1); // one JSON object, nothing else on stdout
        return Json.MAPPER.readTree(lines.get(0));
    }

    private static void assertFigures(JsonNode json, int rooms, int clients) {
        assertThat(json.path("benchmark").asText()).isEqualTo("dispatch");
        assertThat(json.path("rooms").asInt()).isEqualTo(rooms);
        assertThat(json.path("clients").asInt()).isEqualTo(clients);
        assertThat(json.path("decisions").asInt()).isEqualTo(clients);
        assertThat(json.path("failures").asInt()).isZero();
        assertThat(json.path("splitRooms").asInt()).isZero();
        assertThat(json.path("decisionsPerSecond").asLong()).isPositive();
        assertThat(json.path("p50Us").asLong()).isLessThanOrEqualTo(json.path("p99Us").asLong());
        assertThat(json.path("p99Us").asLong()).isLessThanOrEqualTo(json.path("maxUs").asLong());
        JsonNode eval = json.path("redisBenchmark");
        assertThat(eval.path("command").asText()).startsWith("redis-benchmark -h 127.0.0.1 -p ")
                .endsWith("eval \"return 1\" 0");
        assertThat(eval.path("evalPerSecond").asLong()).isPositive();
        assertThat(eval.path("samples")).hasSize(2); // before and after the dispatch benchmark
        assertThat(json.path("ratio").isNumber()).isTrue();
        assertThat(json.path("ratio").asDouble()).isPositive();
    }

    @Test
    void againstAGivenRedis() throws Exception {
        try (LocalRedisServer redis = LocalRedisServer.start()) {
            JsonNode json = parse(CliRun.of("bench", "dispatch", "--redis", redis.url(), "--rooms", "5",
                    "--clients", "300", "--threads", "2", "--in-flight", "16", "--eval-requests", "2000",
                    "--eval-clients", "4"));
            assertFigures(json, 5, 300);
            assertThat(json.path("threads").asInt()).isEqualTo(2);
            assertThat(json.path("inFlight").asInt()).isEqualTo(16);
            assertThat(json.path("privateRedis").asBoolean()).isFalse();
            assertThat(json.path("redis").asText()).isEqualTo(redis.url() + "/0");
            assertThat(json.path("redisBenchmark").path("command").asText()).contains("-p " + redis.port() + " ");
        }
    }

    @Test
    void onAPrivateRedisWhenNoneIsGiven() throws Exception {
        JsonNode json = parse(CliRun.of("bench", "dispatch", "--rooms", "3", "--clients", "100",
                "--eval-requests", "1000", "--eval-clients", "2"));
        assertFigures(json, 3, 100);
        assertThat(json.path("privateRedis").asBoolean()).isTrue();
        // The private server is gone once the command returns.
        String url = json.path("redis").asText();
        int port = Integer.parseInt(url.replaceAll(".*:(\\d+)/0$", "$1"));
        CliRun status = CliRun.of("status", "--redis", "redis://127.0.0.1:" + port);
        assertThat(status.exitCode()).isNotZero();
    }

    @Test
    void redisBenchmarkCanBeLeftOut() throws Exception {
        try (LocalRedisServer redis = LocalRedisServer.start()) {
            JsonNode json = parse(CliRun.of("bench", "dispatch", "--redis", redis.url(), "--rooms", "2",
                    "--clients", "50", "--eval-requests", "0"));
            assertThat(json.path("decisions").asInt()).isEqualTo(50);
            assertThat(json.path("redisBenchmark").path("skipped").asText()).isNotEmpty();
            assertThat(json.path("ratio").isNull()).isTrue();
        }
    }
}
