package org.mscluster.cli.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link AvSyncCheck} on a file made by ffmpeg with flashes and beeps exactly together. */
class AvSyncCheckIT {

    /**
     * 3.5 s of video and 3.37 s of audio, a white flash and a beep over the first 0.2 s of each second: the
     * streams end in black and in silence 0.13 s apart. Three pairs, in sync; the streams' ends are no pair.
     */
    @Test
    void streamsEndingInBlackAndSilenceAddNoPair(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sync.mkv");
        Process ffmpeg = new ProcessBuilder("ffmpeg", "-y", "-hide_banner", "-loglevel", "error",
                "-f", "lavfi", "-i", "color=c=black:s=160x120:r=30:d=3.5,format=yuv420p,"
                        + "geq=lum='if(lt(mod(T\\,1)\\," + AvSyncSource.FLASH + ")\\,235\\,16)':cb=128:cr=128",
                "-f", "lavfi", "-i", "sine=f=1000:d=3.37,volume='if(lt(mod(t\\,1)\\," + AvSyncSource.FLASH + ")\\,1\\,0)':eval=frame",
                "-c:v", "libvpx", "-b:v", "200k", "-c:a", "libopus", file.toString())
                .redirectErrorStream(true).start();
        String out = new String(ffmpeg.getInputStream().readAllBytes());
        assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(ffmpeg.exitValue()).as(out).isZero();
        assertThat(Files.size(file)).isPositive();

        List<Double> offsets = AvSyncCheck.offsets(file, AvSyncSource.FLASH);

        assertThat(offsets).hasSize(3).allSatisfy(offset -> assertThat(Math.abs(offset)).isLessThan(0.05));
    }
}
