package org.mscluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code mscluster bench soak} end to end, a few seconds of churn against a real worker: the report's
 * structure, a churn that did something (sessions, joins, producers, consumers offered, both ways of
 * leaving) with no error counted by the virtual peers nor logged by the node, and a worker that holds
 * nothing at the end; never timing or memory figures, which only a long run makes meaningful.
 */
class SoakBenchCommandIT {

    @Test
    void aShortChurnLeavesTheWorkerEmptyAndCountsNoError() throws Exception {
        CliRun run = CliRun.of("bench", "soak", "--minutes", "0.15", "--peers", "6", "--rooms", "2",
                "--warmup-seconds", "3", "--settle-seconds", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode json = Json.MAPPER.readTree(lines.get(0));
        assertThat(json.path("benchmark").asText()).isEqualTo("soak");
        JsonNode totals = json.path("totals");
        assertThat(totals.path("errorsByKind").size()).as(totals.toString()).isZero();
        assertThat(totals.path("errors").asLong()).isZero();
        assertThat(totals.path("sessions").asLong()).isGreaterThanOrEqualTo(6);
        assertThat(totals.path("joins").asLong()).isEqualTo(totals.path("sessions").asLong());
        assertThat(totals.path("audioProducers").asLong()).isEqualTo(totals.path("joins").asLong());
        assertThat(totals.path("consumersOffered").asLong()).isPositive();
        assertThat(totals.path("serverRequestsAnswered").asLong()).isPositive();
        assertThat(totals.path("gracefulLeaves").asLong() + totals.path("abruptLeaves").asLong())
                .isEqualTo(totals.path("sessions").asLong());
        assertThat(totals.path("notificationsByMethod").path("newPeer").asLong()).isPositive();
        assertThat(json.path("nodeWarningsAndErrors").size()).as(json.path("nodeWarningsAndErrors").toString()).isZero();
        JsonNode worker = json.path("end").path("worker");
        for (String count : List.of("routers", "transports", "producers", "consumers", "dataProducers", "dataConsumers")) {
            assertThat(worker.path(count).asLong()).as(count + " left in the worker").isZero();
        }
    }

    @Test
    void badSettingsAreRefusedWithAMessage() {
        CliRun run = CliRun.of("bench", "soak", "--peers", "0");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("--minutes, --peers and --rooms must be positive");
    }
}
