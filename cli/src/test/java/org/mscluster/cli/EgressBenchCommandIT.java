package org.mscluster.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code mscluster bench egress} end to end with small numbers (two videos, one composite, short windows)
 * on a real node, worker and ffmpeg: the report's structure and that every egress ran; never its figures.
 */
class EgressBenchCommandIT {

    @Test
    void measuresAPassthroughAndACompositeAndCountsComposites() throws Exception {
        CliRun run = CliRun.of("bench", "egress", "--clip-seconds", "2", "--videos", "2", "--max-composites", "1",
                "--window-seconds", "6", "--settle-seconds", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        List<String> lines = run.out().lines().toList();
        assertThat(lines).hasSize(1);
        JsonNode json = Json.MAPPER.readTree(lines.get(0));
        assertThat(json.path("benchmark").asText()).isEqualTo("egress");
        assertThat(json.path("worker").asText()).isEqualTo("process");
        assertThat(json.path("passthrough").path("output").asText()).startsWith("mkv");
        assertThat(json.path("passthrough").path("packetsIntoFfmpeg").asLong()).isPositive();
        JsonNode composite = json.path("composite");
        assertThat(composite.path("output").asText()).startsWith("mp4 (2 videos");
        // An H264 encoder at work for 6 s uses some CPU, whatever the machine's load.
        assertThat(composite.path("ffmpegCpuPerEgress").asDouble()).isPositive();
        assertThat(composite.path("packetsIntoFfmpeg").asLong()).isPositive();
        assertThat(composite.path("machineCpuBusy").asDouble()).isGreaterThanOrEqualTo(composite.path("ffmpegCpuPerEgress").asDouble() / 2);
        assertThat(json.path("steps")).hasSize(1);
        assertThat(json.path("compositesInRealTime").asInt()).isBetween(0, 1);
        assertThat(json.path("stoppedBy").asText()).isIn("max", "speed", "udp-drops");
    }

    @Test
    void badSettingsAreRefusedWithAMessage() {
        CliRun run = CliRun.of("bench", "egress", "--videos", "1");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("videos must be 2 to 9");
    }
}
