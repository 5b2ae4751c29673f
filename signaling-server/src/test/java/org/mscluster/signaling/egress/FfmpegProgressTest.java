package org.mscluster.signaling.egress;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FfmpegProgressTest {

    @Test
    void readsFramesTimeDupAndDropOfAProgressLine() {
        FfmpegProcess.Progress progress = FfmpegProcess.Progress.parse("frame=  546 fps= 25 q=28.0 size=    1234kB"
                + " time=00:01:21.80 bitrate= 463.7kbits/s dup=3 drop=1 speed=0.998x", 7);
        assertThat(progress).isEqualTo(new FfmpegProcess.Progress(7, 546, 81.8, 3, 1));
    }

    @Test
    void aLineWithoutDupOrDropCountsNone() {
        assertThat(FfmpegProcess.Progress.parse("frame=   10 fps=0.0 q=0.0 size=N/A time=00:00:00.33 bitrate=N/A speed=N/A", 1))
                .isEqualTo(new FfmpegProcess.Progress(1, 10, 0.33, 0, 0));
    }

    @Test
    void otherLinesAreNoProgress() {
        assertThat(FfmpegProcess.Progress.parse("Output #0, matroska, to 'x.mkv':", 1)).isNull();
        assertThat(FfmpegProcess.Progress.parse("frame=    0 fps=0.0 q=0.0 size=N/A time=N/A bitrate=N/A", 1)).isNull();
    }
}
