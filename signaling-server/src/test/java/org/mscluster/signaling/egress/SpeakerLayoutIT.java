package org.mscluster.signaling.egress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The speaker layout's filter graph in a real ffmpeg, and the commands that move the large picture to
 * another video while it runs: a red and a blue video (ffmpeg's {@code lavfi} in place of the SDP's RTP
 * streams, same stream order), the red one large first, the blue one after the switch; the recording's
 * large tile is red before and blue after.
 */
class SpeakerLayoutIT {

    private static final Path WORK = Path.of("target", "speaker-layout-it").toAbsolutePath();

    @Test
    void theLargePictureFollowsTheSpeakerWithinOneFfmpeg() throws Exception {
        Files.createDirectories(WORK);
        Path file = WORK.resolve("speaker.mkv");
        Files.deleteIfExists(file);
        List<Track> tracks = List.of(new Track("red", "r", "video", "video/VP8", 101, 90000, null, Map.of(), 1),
                new Track("blue", "b", "video", "video/VP8", 101, 90000, null, Map.of(), 3),
                new Track("red", "a", "audio", "audio/opus", 100, 48000, 2, Map.of(), 5));
        EgressRequest request = new EgressRequest("record", null, "mkv", "file", List.of(), null, "speaker");
        Path sdp = WORK.resolve("unused.sdp");
        List<String> generated = FfmpegCommand.of("ffmpeg", request, tracks, sdp, file.toString(), 0);
        // The SDP input replaced by lavfi's three streams in the same order; the rest as an egress runs it.
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "info", "-stats_period", "1",
                // The blue video starts 2 s after the red one, as a peer's first frames come after another's.
                "-re", "-f", "lavfi", "-i", "color=c=red:s=320x240:r=25[out0];color=c=blue:s=320x240:r=25,setpts=PTS+2/TB[out1];"
                        + "sine=frequency=440:sample_rate=48000[out2]"));
        command.addAll(generated.subList(generated.indexOf(sdp.toString()) + 1, generated.size()));
        FfmpegProcess ffmpeg = FfmpegProcess.start(command, WORK.resolve("ffmpeg.log"), "speaker-it");
        try {
            ffmpeg.outputOpen().get(20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(20)).until(() -> ffmpeg.progress() != null && ffmpeg.progress().seconds() >= 3);
            for (String[] switchTo : FfmpegCommand.speakerSwitch(0, 1)) {
                assertThat(ffmpeg.command(switchTo[0], switchTo[1], switchTo[2])).isTrue();
            }
            double switchedBy = ffmpeg.progress().seconds() + 1.5;
            await().atMost(Duration.ofSeconds(20)).until(() -> ffmpeg.progress().seconds() >= switchedBy + 2);
        } finally {
            ffmpeg.stop(10).get(15, TimeUnit.SECONDS);
        }
        assertThat(Files.readString(WORK.resolve("ffmpeg.log"))).contains("Command reply for stream 0: ret:0");
        int[] before = pixel(file, 1.0);
        int[] after = pixel(file, Ffprobe.duration("ffprobe", file) - 0.5);
        assertThat(before[0]).as("red before: %s", List.of(before[0], before[1], before[2])).isGreaterThan(150);
        assertThat(before[2]).isLessThan(100);
        assertThat(after[2]).as("blue after: %s", List.of(after[0], after[1], after[2])).isGreaterThan(150);
        assertThat(after[0]).isLessThan(100);
    }

    /** RGB of the large tile's centre at {@code seconds}. */
    private static int[] pixel(Path file, double seconds) throws Exception {
        Process probe = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-ss", String.valueOf(seconds), "-i",
                file.toString(), "-frames:v", "1", "-vf", "crop=2:2:480:360", "-f", "rawvideo", "-pix_fmt", "rgb24", "-")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] rgb = probe.getInputStream().readAllBytes();
        assertThat(probe.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(rgb).hasSizeGreaterThanOrEqualTo(3);
        return new int[] {rgb[0] & 0xFF, rgb[1] & 0xFF, rgb[2] & 0xFF};
    }
}
