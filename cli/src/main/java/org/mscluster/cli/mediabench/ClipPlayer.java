package org.mscluster.cli.mediabench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Plays an {@link RtpClip} in a loop, in real time, from one socket (the producers' transport learns
 * it by comedia). Each round continues the sequence numbers and shifts the timestamps by the clip's
 * length, so the worker sees one unbroken stream per SSRC.
 */
final class ClipPlayer implements AutoCloseable {

    private final RtpClip clip;
    private final DatagramChannel channel;
    private final Thread thread;
    private final AtomicLong videoSent = new AtomicLong();
    private final AtomicLong audioSent = new AtomicLong();
    private volatile boolean running = true;
    private volatile IOException failure;

    ClipPlayer(RtpClip clip, int port) throws IOException {
        this.clip = clip;
        this.channel = DatagramChannel.open();
        channel.bind(new InetSocketAddress("127.0.0.1", 0));
        channel.connect(new InetSocketAddress("127.0.0.1", port));
        this.thread = new Thread(this::play, "clip-player");
        thread.setDaemon(true);
        thread.start();
    }

    long sent(boolean video) {
        return video ? videoSent.get() : audioSent.get();
    }

    /** Why playing stopped, if it did. */
    IOException failure() {
        return failure;
    }

    private void play() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(2048);
        int videoSequence = RtpHeader.sequenceNumber(first(true));
        int audioSequence = RtpHeader.sequenceNumber(first(false));
        long videoShift = clip.durationNanos() * RtpClip.VIDEO_CLOCK / 1_000_000_000L;
        long audioShift = clip.durationNanos() * RtpClip.AUDIO_CLOCK / 1_000_000_000L;
        long start = System.nanoTime();
        try {
            for (long round = 0; running; round++) {
                long roundStart = start + round * clip.durationNanos();
                for (RtpClip.Packet packet : clip.packets()) {
                    long wait = roundStart + packet.offsetNanos() - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                    }
                    if (!running) {
                        return;
                    }
                    byte[] data = packet.data().clone();
                    long shift = round * (packet.video() ? videoShift : audioShift);
                    RtpHeader.setTimestamp(data, RtpHeader.timestamp(data) + shift);
                    RtpHeader.setSequenceNumber(data, packet.video() ? videoSequence++ : audioSequence++);
                    buffer.clear();
                    buffer.put(data).flip();
                    channel.write(buffer);
                    (packet.video() ? videoSent : audioSent).incrementAndGet();
                }
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    private byte[] first(boolean video) {
        return clip.packets().stream().filter(p -> p.video() == video).findFirst().orElseThrow().data();
    }

    @Override
    public void close() throws IOException {
        running = false;
        try {
            thread.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        channel.close();
    }
}
