package org.mscluster.signaling.egress;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FfmpegCommandTest {

    private static final Path SDP = Path.of("/tmp/e.sdp");

    private static Track video(String peer, String codec) {
        return new Track(peer, peer + "-v", "video", "video/" + codec, 101, 90000, null, Map.of(), 20000);
    }

    private static Track audio(String peer) {
        return new Track(peer, peer + "-a", "audio", "audio/opus", 100, 48000, 2, Map.of(), 20002);
    }

    private static EgressRequest request(String type, String format, String peer) {
        return new EgressRequest(type, "rtmp".equals(type) ? "rtmp://h/app/k" : null, format, "file", List.of(), peer, "grid");
    }

    @Test
    void onePeersVp8AndOpusGoIntoWebmAsTheyAre() {
        List<String> args = FfmpegCommand.of("ffmpeg", request("record", "webm", "alice"),
                List.of(video("alice", "VP8"), audio("alice")), SDP, "/r/x.webm", 0);
        assertThat(String.join(" ", args)).contains("-map 0:0 -map 0:1 -c:v copy -c:a copy -flush_packets 1")
                .endsWith("-f webm -y /r/x.webm").doesNotContain("filter_complex");
    }

    @Test
    void rtmpOfOnePeerEncodesVp8ToH264AndOpusToAac() {
        List<String> args = FfmpegCommand.of("ffmpeg", request("rtmp", "flv", "alice"),
                List.of(video("alice", "VP8"), audio("alice")), SDP, "rtmp://h/app/k", 0);
        String line = String.join(" ", args);
        assertThat(line).contains("-vf fps=30 -c:v libx264").contains("-c:a aac").endsWith("-f flv rtmp://h/app/k");
    }

    @Test
    void theWholeRoomIsAGridWithEveryVoiceMixed() {
        List<Track> tracks = new ArrayList<>();
        for (String peer : List.of("a", "b", "c")) {
            tracks.add(audio(peer));
            tracks.add(video(peer, "VP8"));
        }
        String line = String.join(" ", FfmpegCommand.of("ffmpeg", request("record", "mp4", null), tracks, SDP, "/r/x.mp4", 0));
        assertThat(line).contains("[0:1]scale=640:360").contains("[0:3]scale=640:360").contains("[0:5]scale=640:360")
                .contains("overlay=x=640:y=0").contains("overlay=x=0:y=360")
                .contains("[0:0][0:2][0:4]amix=inputs=3").contains("-map [vout] -map [aout] -c:v libx264")
                .contains("+frag_keyframe");
    }

    @Test
    void aRoomWithoutVideoGetsABlackPictureAndOneWithoutVoicesSilence() {
        String voicesOnly = String.join(" ", FfmpegCommand.of("ffmpeg", request("rtmp", "flv", null), List.of(audio("a")), SDP,
                "rtmp://h/app/k", 0));
        assertThat(voicesOnly).contains("-f lavfi -i color=c=black").contains("[1:v]null[vout]");
        String nobody = String.join(" ", FfmpegCommand.of("ffmpeg", request("rtmp", "flv", null), List.of(), SDP,
                "rtmp://h/app/k", 0));
        assertThat(nobody).contains("[0:v]null[vout]").contains("anullsrc").contains("[1:a]anull[aout]").doesNotContain("sdp");
    }

    @Test
    void gridAndSpeakerTilesStayOnTheCanvas() {
        for (int n = 1; n <= FfmpegCommand.MAX_VIDEOS; n++) {
            for (List<int[]> tiles : List.of(FfmpegCommand.gridTiles(n), FfmpegCommand.speakerTiles(n).subList(1, n + 1))) {
                assertThat(tiles).hasSize(n).allSatisfy(t -> {
                    assertThat(t[0] + t[2]).isLessThanOrEqualTo(FfmpegCommand.WIDTH);
                    assertThat(t[1] + t[3]).isLessThanOrEqualTo(FfmpegCommand.HEIGHT);
                    assertThat(t[2] % 2 + t[3] % 2).isZero();
                });
            }
        }
        assertThat(FfmpegCommand.speakerTiles(3).get(0)).containsExactly(0, 0, 960, 720);
        assertThat(FfmpegCommand.speakerTiles(3).get(3)).containsExactly(960, 360, 320, 180);
    }

    @Test
    void theSpeakerLayoutHasEveryVideoLargeAndSmallWithOnlyTheSpeakersLargeOneShown() {
        List<Track> tracks = List.of(audio("a"), video("a", "VP8"), video("b", "VP8"), video("c", "VP8"));
        EgressRequest speaker = new EgressRequest("record", null, "mp4", "file", List.of(), null, "speaker");
        String line = String.join(" ", FfmpegCommand.of("ffmpeg", speaker, tracks, SDP, "/r/x.mp4", 1));
        assertThat(line).contains("[0:1]split[b0][s0]").contains("[0:3]split[b2][s2]").contains("setsar=1,fps=25[vb1]")
                .contains("[b1]scale=960:720").contains("[s1]scale=320:180")
                .contains("[vb0]overlay@big0=x=0:y=0:eof_action=pass:shortest=0:enable=0")
                .contains("[vb1]overlay@big1=x=0:y=0:eof_action=pass:shortest=0:enable=1")
                .contains("[vs2]overlay@small2=x=960:y=360:eof_action=pass:shortest=0[vout]");
        assertThat(FfmpegCommand.speakerSwitch(1, 2)).containsExactly(new String[] {"overlay@big2", "enable", "1"},
                new String[] {"overlay@big1", "enable", "0"});
    }

    @Test
    void atMostNineVideosAreShown() {
        List<Track> tracks = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            tracks.add(video("p" + i, "VP8"));
        }
        String line = String.join(" ", FfmpegCommand.of("ffmpeg", request("record", "mkv", null), tracks, SDP, "/r/x.mkv", 0));
        assertThat(line).contains("[0:8]scale").doesNotContain("[0:9]scale");
    }
}
