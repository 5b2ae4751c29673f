package org.mscluster.cli.mediabench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A few seconds of real VP8 and opus RTP, encoded once by ffmpeg (a moving test pattern and a tone)
 * and kept in memory, to be played in a loop: the benchmark then spends no CPU on encoding while it
 * measures. Packets are ordered by their media time, taken from their RTP timestamps.
 */
public final class RtpClip {

    public static final long AUDIO_SSRC = 11_111_111L;
    public static final long VIDEO_SSRC = 22_222_222L;
    public static final int AUDIO_PAYLOAD_TYPE = 100;
    public static final int VIDEO_PAYLOAD_TYPE = 101;
    static final int AUDIO_CLOCK = 48_000;
    static final int VIDEO_CLOCK = 90_000;

    /** One packet and when, from the clip's start, it is due. */
    record Packet(long offsetNanos, boolean video, byte[] data) {
    }

    private final List<Packet> packets;
    private final long durationNanos;

    private RtpClip(List<Packet> packets, long durationNanos) {
        this.packets = packets;
        this.durationNanos = durationNanos;
    }

    List<Packet> packets() {
        return packets;
    }

    long durationNanos() {
        return durationNanos;
    }

    /** Video bits per second of the clip, as encoded. */
    public long videoBitsPerSecond() {
        return bits(true) * 1_000_000_000L / durationNanos;
    }

    public long packetsPerSecond(boolean video) {
        return packets.stream().filter(p -> p.video() == video).count() * 1_000_000_000L / durationNanos;
    }

    private long bits(boolean video) {
        return packets.stream().filter(p -> p.video() == video).mapToLong(p -> p.data().length * 8L).sum();
    }

    /**
     * Encodes {@code seconds} of {@code width}x{@code height} at 30 fps and {@code videoKbps} (VP8,
     * a keyframe every 2 s) and a 48 kHz tone (opus), in real time, and captures the RTP.
     */
    public static RtpClip record(int seconds, int width, int height, int videoKbps) throws IOException, InterruptedException {
        try (PortPair video = openPair(); PortPair audio = openPair()) {
            List<String> command = List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin",
                    "-re", "-f", "lavfi", "-i", "testsrc2=size=" + width + "x" + height + ":rate=30",
                    "-re", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
                    "-t", Integer.toString(seconds), "-map", "0:v", "-c:v", "libvpx", "-deadline", "realtime", "-cpu-used", "8",
                    "-b:v", videoKbps + "k", "-g", "60", "-keyint_min", "60", "-ssrc", Long.toString(VIDEO_SSRC),
                    "-payload_type", Integer.toString(VIDEO_PAYLOAD_TYPE), "-f", "rtp",
                    "rtp://127.0.0.1:" + video.rtp().getLocalPort() + "?pkt_size=1200",
                    "-t", Integer.toString(seconds), "-map", "1:a", "-c:a", "libopus", "-b:a", "48k", "-ac", "2",
                    "-ssrc", Long.toString(AUDIO_SSRC), "-payload_type", Integer.toString(AUDIO_PAYLOAD_TYPE), "-f", "rtp",
                    "rtp://127.0.0.1:" + audio.rtp().getLocalPort() + "?pkt_size=1200");
            Process ffmpeg = new ProcessBuilder(command).redirectErrorStream(true).start();
            List<byte[]> videoPackets = new ArrayList<>();
            List<byte[]> audioPackets = new ArrayList<>();
            Thread videoReader = start(() -> capture(video.rtp(), videoPackets));
            Thread audioReader = start(() -> capture(audio.rtp(), audioPackets));
            String output = new String(ffmpeg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!ffmpeg.waitFor(seconds + 30L, TimeUnit.SECONDS) || ffmpeg.exitValue() != 0) {
                ffmpeg.destroyForcibly();
                throw new IOException("ffmpeg could not encode the clip: " + output.strip());
            }
            videoReader.join();
            audioReader.join();
            return of(videoPackets, audioPackets);
        }
    }

    static RtpClip of(List<byte[]> videoPackets, List<byte[]> audioPackets) throws IOException {
        if (videoPackets.size() < 30 || audioPackets.size() < 50) {
            throw new IOException("the clip is too short: " + videoPackets.size() + " video and " + audioPackets.size()
                    + " audio packets captured");
        }
        List<Packet> all = new ArrayList<>();
        long videoEnd = timeline(videoPackets, true, VIDEO_CLOCK, all);
        long audioEnd = timeline(audioPackets, false, AUDIO_CLOCK, all);
        all.sort(Comparator.comparingLong(Packet::offsetNanos));
        // One frame interval after the last packet, so the loop's seam keeps the clip's own pacing.
        long duration = Math.max(videoEnd + 1_000_000_000L / 30, audioEnd + 20_000_000L);
        return new RtpClip(List.copyOf(all), duration);
    }

    private static long timeline(List<byte[]> stream, boolean video, int clock, List<Packet> into) {
        long first = RtpHeader.timestamp(stream.get(0));
        long last = 0;
        for (byte[] packet : stream) {
            long ticks = (RtpHeader.timestamp(packet) - first) & 0xFFFF_FFFFL;
            long offset = ticks * 1_000_000_000L / clock;
            last = Math.max(last, offset);
            into.add(new Packet(offset, video, packet));
        }
        return last;
    }

    /** A socket for RTP whose next port is bound too: ffmpeg sends its RTCP there. */
    private static PortPair openPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            DatagramSocket rtp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
            try {
                return new PortPair(rtp, new DatagramSocket(new InetSocketAddress("127.0.0.1", rtp.getLocalPort() + 1)));
            } catch (IOException taken) {
                rtp.close();
            }
        }
        throw new IOException("no free pair of UDP ports on 127.0.0.1");
    }

    private static Thread start(Runnable task) {
        Thread thread = new Thread(task, "clip-capture");
        thread.start();
        return thread;
    }

    private static void capture(DatagramSocket socket, List<byte[]> into) {
        byte[] buffer = new byte[2048];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        try {
            socket.setReceiveBufferSize(4 << 20);
            socket.setSoTimeout(3000);
            while (true) {
                socket.receive(datagram);
                byte[] data = Arrays.copyOf(buffer, datagram.getLength());
                if (!RtpHeader.isRtcp(data)) {
                    into.add(data);
                }
            }
        } catch (SocketTimeoutException end) {
            // ffmpeg has stopped sending.
        } catch (IOException closed) {
            // The clip is complete or ffmpeg failed: record() reports which.
        }
    }

    /** An RTP socket and the RTCP one next to it, which only keeps ffmpeg's RTCP from being refused. */
    private record PortPair(DatagramSocket rtp, DatagramSocket rtcp) implements AutoCloseable {
        @Override
        public void close() {
            rtp.close();
            rtcp.close();
        }
    }
}
