package org.mscluster.cli.egress;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What {@code ffprobe} reads of a recording or a stream: its duration and streams, for the egress tests. */
public final class Probe {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Probe() {
    }

    /** {@code ffprobe}'s JSON of {@code input}'s duration and streams ({@code {}} when it reads nothing). */
    public static JsonNode ffprobe(String input) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("ffprobe", "-v", "error", "-rw_timeout", "15000000", "-show_entries",
                "format=duration:stream=codec_type,codec_name", "-of", "json", input).redirectError(
                ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return JSON.readTree(out.isBlank() ? "{}" : out);
    }

    /** The streams as {@code type:codec}, e.g. {@code video:h264}. */
    public static List<String> codecs(JsonNode probe) {
        return java.util.stream.StreamSupport.stream(probe.path("streams").spliterator(), false)
                .map(s -> s.path("codec_type").asText() + ":" + s.path("codec_name").asText()).toList();
    }
}
