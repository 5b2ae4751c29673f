package org.mscluster.cli.egress;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mscluster.cli.TestProcesses;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.producer.ProducerOptions;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpCodecParameters;
import org.mscluster.mediasoup.rtp.RtpEncodingParameters;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.transport.PlainTransport;
import org.mscluster.mediasoup.transport.PlainTransportOptions;

/**
 * A synchronisation source in a room: one ffmpeg ({@code lavfi}) sends a black picture that flashes white
 * for the first {@link #FLASH} s of every second and a 1 kHz beep over the same {@link #FLASH} s, as VP8 and
 * opus over RTP (one clock for both, RTCP sender reports included), into two PlainTransport producers
 * (comedia, RTCP on its own port) of the room's router, the way mediasoup-demo's broadcaster examples feed a room.
 */
final class AvSyncSource implements AutoCloseable {

    static final double FLASH = 0.2;
    private static final long VIDEO_SSRC = 22_222_222L;
    private static final long AUDIO_SSRC = 11_111_111L;

    private final PlainTransport videoTransport;
    private final PlainTransport audioTransport;
    final Producer video;
    final Producer audio;
    private final Process ffmpeg;

    private AvSyncSource(PlainTransport videoTransport, PlainTransport audioTransport, Producer video, Producer audio,
            Process ffmpeg) {
        this.videoTransport = videoTransport;
        this.audioTransport = audioTransport;
        this.video = video;
        this.audio = audio;
        this.ffmpeg = ffmpeg;
    }

    static AvSyncSource start(Router router, Path log) throws Exception {
        PlainTransportOptions options = PlainTransportOptions.builder().listenInfo(ListenInfo.udp("127.0.0.1"))
                .rtcpListenInfo(ListenInfo.udp("127.0.0.1")).rtcpMux(false).comedia(true).appData(Map.of("peerId", "av-sync")).build();
        PlainTransport videoTransport = router.createPlainTransport(options).get(5, TimeUnit.SECONDS);
        PlainTransport audioTransport = router.createPlainTransport(options).get(5, TimeUnit.SECONDS);
        Producer video = videoTransport.produce(ProducerOptions.of(MediaKind.VIDEO, parameters("video/VP8", 101, 90000, null,
                VIDEO_SSRC))).get(5, TimeUnit.SECONDS);
        Producer audio = audioTransport.produce(ProducerOptions.of(MediaKind.AUDIO, parameters("audio/opus", 100, 48000, 2,
                AUDIO_SSRC))).get(5, TimeUnit.SECONDS);
        // RTCP apart: ffmpeg sends its first sender report (from its RTCP port) before any RTP, and with rtcpMux the
        // transport would take that port for the source's (comedia) and drop the RTP.
        int videoPort = videoTransport.tuple().localPort();
        int videoRtcp = videoTransport.rtcpTuple().localPort();
        int audioPort = audioTransport.tuple().localPort();
        int audioRtcp = audioTransport.rtcpTuple().localPort();
        String flash = "lt(mod(t\\,1)\\," + FLASH + ")";
        List<String> command = List.of("ffmpeg", "-hide_banner", "-loglevel", "warning", "-nostdin",
                "-re", "-f", "lavfi", "-i", "color=c=black:s=320x240:r=30,drawbox=x=0:y=0:w=iw:h=ih:color=white:t=fill:enable='"
                        + flash + "'",
                "-re", "-f", "lavfi", "-i", "sine=frequency=1000:sample_rate=48000,volume=volume=0:enable='not(" + flash + ")'",
                "-map", "0:v", "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "500k", "-g", "30",
                "-ssrc", String.valueOf(VIDEO_SSRC), "-payload_type", "101",
                "-f", "rtp", "rtp://127.0.0.1:" + videoPort + "?rtcpport=" + videoRtcp + "&pkt_size=1200",
                "-map", "1:a", "-c:a", "libopus", "-ac", "2", "-b:a", "64k",
                "-ssrc", String.valueOf(AUDIO_SSRC), "-payload_type", "100",
                "-f", "rtp", "rtp://127.0.0.1:" + audioPort + "?rtcpport=" + audioRtcp + "&pkt_size=1200");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new AvSyncSource(videoTransport, audioTransport, video, audio, process);
    }

    private static RtpParameters parameters(String mimeType, int payloadType, int clockRate, Integer channels, long ssrc) {
        return RtpParameters.builder()
                .codecs(List.of(RtpCodecParameters.builder().mimeType(mimeType).payloadType(payloadType).clockRate(clockRate)
                        .channels(channels).build()))
                .encodings(List.of(RtpEncodingParameters.ofSsrc(ssrc)))
                .build();
    }

    /** Closes the audio producer (not its transport, which keeps taking the packets): the picture goes on alone. */
    void closeAudio() {
        audio.close();
    }

    @Override
    public void close() throws IOException {
        TestProcesses.stop(ffmpeg, Duration.ofSeconds(5));
        videoTransport.close();
        audioTransport.close();
    }
}
