package org.mscluster.signaling.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An ffmpeg started by a node ends with the node, also when the node is killed with {@code kill -9}
 * and cannot stop it: a JVM of its own starts one through {@link FfmpegProcess} (a source that never
 * ends, as a composite's background is) and is killed; the ffmpeg must exit by itself.
 */
class FfmpegProcessIT {

    @Test
    void anFfmpegEndsWhenTheNodeThatStartedItIsKilled(@TempDir Path dir) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process node = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Child.class.getName(),
                dir.resolve("ffmpeg.log").toString()).redirectErrorStream(true).start();
        Optional<ProcessHandle> ffmpeg = Optional.empty();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8));
            long pid = -1;
            for (String line; (line = out.readLine()) != null; ) {
                if (line.startsWith("ffmpeg pid ")) {
                    pid = Long.parseLong(line.substring("ffmpeg pid ".length()).trim());
                    break;
                }
            }
            assertThat(pid).as("the child JVM started ffmpeg").isPositive();
            ffmpeg = ProcessHandle.of(pid);
            assertThat(ffmpeg).isPresent();
            assertThat(ffmpeg.get().info().command().orElse("")).endsWith("ffmpeg");
            // It is running (frames to /dev/null), then its node dies without a word.
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("ffmpeg.log"))
                    && Files.readString(dir.resolve("ffmpeg.log")).contains("Output #0"));
            node.destroyForcibly();
            assertThat(node.waitFor(10, TimeUnit.SECONDS)).isTrue();

            ProcessHandle orphan = ffmpeg.get();
            // 30 s: it ended within 3 s in every run here but one, in a full run on a loaded machine, where it was
            // still alive after 10 s; if it is alive after 30, say what the kernel says of it.
            try {
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> !orphan.isAlive());
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                Path status = Path.of("/proc", Long.toString(orphan.pid()), "status");
                throw new AssertionError("ffmpeg " + orphan.pid() + " outlived its node by 30 s: "
                        + (Files.exists(status) ? Files.readString(status).replace('\n', ' ') : "(gone)"), e);
            }
        } finally {
            node.destroyForcibly();
            ffmpeg.ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    /** The node: starts an endless ffmpeg, says its pid, and waits to be killed. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            FfmpegProcess ffmpeg = FfmpegProcess.start(List.of("ffmpeg", "-hide_banner", "-nostdin", "-f", "lavfi", "-i",
                    "color=c=black:s=64x64:r=5", "-f", "null", "-"), Path.of(args[0]), "orphan-test");
            System.out.println("ffmpeg pid " + ffmpeg.pid());
            System.out.flush();
            Thread.sleep(TimeUnit.MINUTES.toMillis(2));
        }
    }
}
