package org.mscluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * {@code mscluster bench channel} end to end with small numbers against real workers: every request
 * answered and the report's shape, for several workers at once in-process and one as a child
 * process; never timing.
 */
class ChannelBenchCommandIT {

    @Test
    void twoInProcessWorkersAnswerEveryRequestBetweenThem() throws Exception {
        JsonNode json = run("--mode", "in-process", "--workers", "2", "--requests", "20001", "--warmup", "1000", "--in-flight", "8");
        assertThat(json.path("mode").asText()).isEqualTo("in-process");
        assertThat(json.path("workers").asInt()).isEqualTo(2);
        assertThat(json.path("requests").asInt()).isEqualTo(20001);
        assertLatencies(json);
    }

    @Test
    void aChildProcessWorkerAnswersEveryRequest() throws Exception {
        JsonNode json = run("--mode", "process", "--requests", "20000", "--warmup", "1000");
        assertThat(json.path("mode").asText()).isEqualTo("process");
        assertThat(json.path("workers").asInt()).isEqualTo(1);
        assertLatencies(json);
    }

    @Test
    void badSettingsAreRefusedWithAMessage() {
        CliRun none = CliRun.of("bench", "channel", "--workers", "0");
        assertThat(none.exitCode()).isNotZero();
        assertThat(none.err()).contains("--workers");
        CliRun more = CliRun.of("bench", "channel", "--workers", "3", "--requests", "2");
        assertThat(more.exitCode()).isNotZero();
        assertThat(more.err()).contains("--workers");
    }

    private static JsonNode run(String... options) throws Exception {
        String[] args = new String[options.length + 2];
        args[0] = "bench";
        args[1] = "channel";
        System.arraycopy(options, 0, args, 2, options.length);
        CliRun run = CliRun.of(args);
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out().lines()).hasSize(1);
        return Json.MAPPER.readTree(run.out().strip());
    }

    private static void assertLatencies(JsonNode json) {
        // The run completes only when every request has its response: a rate means all were answered.
        assertThat(json.path("requestsPerSecond").asLong()).isPositive();
        double p50 = json.path("p50Us").asDouble();
        double p99 = json.path("p99Us").asDouble();
        assertThat(p50).isPositive();
        assertThat(p99).isGreaterThanOrEqualTo(p50);
        assertThat(json.path("maxUs").asDouble()).isGreaterThanOrEqualTo(p99);
    }
}
