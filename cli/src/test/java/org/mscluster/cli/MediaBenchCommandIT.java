package org.mscluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code mscluster bench media} end to end with small numbers against a real worker and a real
 * ffmpeg clip: the structure of the report and that a few consumers get every packet; never timing.
 */
class MediaBenchCommandIT {

    @Test
    void aFewConsumersOnAnInProcessWorkerLoseNothing() throws Exception {
        CliRun run = CliRun.of("bench", "media", "--clip-seconds", "2", "--start", "4", "--step", "2", "--max", "6",
                "--window-seconds", "1", "--settle-seconds", "0.5");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode json = Json.MAPPER.readTree(lines.get(0));
        assertThat(json.path("clip").path("videoPacketsPerSecond").asInt()).isPositive();
        JsonNode java = json.path("java");
        assertThat(java.path("layer").asText()).isEqualTo("java in-process");
        assertThat(java.path("stoppedBy").asText()).isEqualTo("max");
        assertThat(java.path("consumersUnderLossLimit").asInt()).isEqualTo(6);
        JsonNode steps = java.path("steps");
        assertThat(steps).hasSize(2);
        for (JsonNode step : steps) {
            assertThat(step.path("silentConsumers").asInt()).isZero();
            assertThat(step.path("lossPercent").asDouble()).isLessThan(1.0);
            assertThat(step.path("packetsOutPerSecond").asLong()).isPositive();
        }
        assertThat(steps.get(1).path("consumers").asInt()).isEqualTo(6);
        assertThat(json.has("node")).isFalse();
    }

    @Test
    void badSettingsAreRefusedWithAMessage() {
        CliRun run = CliRun.of("bench", "media", "--start", "1");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("start and step must be at least 2");
    }
}
