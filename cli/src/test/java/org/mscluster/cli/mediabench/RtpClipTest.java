package org.mscluster.cli.mediabench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtpClipTest {

    private static byte[] packet(int sequence, long timestamp, long ssrc) {
        byte[] data = new byte[20];
        data[0] = (byte) 0x80;
        RtpHeader.setSequenceNumber(data, sequence);
        RtpHeader.setTimestamp(data, timestamp);
        data[8] = (byte) (ssrc >>> 24);
        data[9] = (byte) (ssrc >>> 16);
        data[10] = (byte) (ssrc >>> 8);
        data[11] = (byte) ssrc;
        return data;
    }

    /** One second: 30 video frames of two packets, 50 audio packets, timestamps wrapping in video. */
    private static RtpClip oneSecond() throws IOException {
        List<byte[]> video = new ArrayList<>();
        List<byte[]> audio = new ArrayList<>();
        long videoStart = 0xFFFF_FFFFL - 6000;
        for (int frame = 0; frame < 30; frame++) {
            long timestamp = (videoStart + frame * 3000L) & 0xFFFF_FFFFL;
            video.add(packet(frame * 2, timestamp, RtpClip.VIDEO_SSRC));
            video.add(packet(frame * 2 + 1, timestamp, RtpClip.VIDEO_SSRC));
        }
        for (int i = 0; i < 50; i++) {
            audio.add(packet(i, 1000 + i * 960L, RtpClip.AUDIO_SSRC));
        }
        return RtpClip.of(video, audio);
    }

    @Test
    void packetsAreOrderedByMediaTimeAcrossATimestampWrap() throws IOException {
        RtpClip clip = oneSecond();
        List<RtpClip.Packet> packets = clip.packets();
        assertThat(packets).hasSize(110);
        for (int i = 1; i < packets.size(); i++) {
            assertThat(packets.get(i).offsetNanos()).isGreaterThanOrEqualTo(packets.get(i - 1).offsetNanos());
        }
        // A frame's packets keep their order: the sort is stable.
        List<Integer> videoSequence = packets.stream().filter(RtpClip.Packet::video)
                .map(p -> RtpHeader.sequenceNumber(p.data())).toList();
        assertThat(videoSequence).isSorted();
        assertThat(clip.packetsPerSecond(true)).isEqualTo(60);
        assertThat(clip.packetsPerSecond(false)).isEqualTo(50);
    }

    @Test
    void theLoopLastsUntilEachStreamsNextPacketWouldBeDue() throws IOException {
        // Last video frame at 29/30 s (+ 1/30 s), last audio packet at 49 * 20 ms (+ 20 ms): 1 s for both.
        assertThat(oneSecond().durationNanos()).isBetween(999_999_999L, 1_000_000_000L);
    }

    @Test
    void aClipThatCapturedAlmostNothingIsRefused() {
        assertThatThrownBy(() -> RtpClip.of(List.of(packet(0, 0, 1)), List.of(packet(0, 0, 2))))
                .isInstanceOf(IOException.class).hasMessageContaining("too short");
    }
}
