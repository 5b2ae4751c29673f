package org.mscluster.client.media;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The built-in synthetic source: moving colour bars (never black) and a 440 Hz tone, on one thread that
 * ticks every 10 ms (audio every tick, video every {@code 100 / fps} ticks).
 */
public final class TestPattern implements AutoCloseable {
    private static final int SAMPLE_RATE = 48_000;
    private static final int SAMPLES_PER_TICK = SAMPLE_RATE / 100;
    private static final byte[][] BARS = { // Y, U, V of white, yellow, cyan, green, magenta, red, blue
        {(byte) 235, (byte) 128, (byte) 128}, {(byte) 210, 16, (byte) 146}, {(byte) 170, (byte) 166, 16},
        {(byte) 145, 54, 34}, {106, (byte) 202, (byte) 222}, {81, 90, (byte) 240}, {41, (byte) 240, 110}};

    private final int width;
    private final int height;
    private final int ticksPerFrame;
    private final VideoFrameSource video;
    private final AudioFrameSource audio;
    private final ScheduledExecutorService clock;
    private final byte[] y;
    private final byte[] u;
    private final byte[] v;
    private final byte[] pcm = new byte[SAMPLES_PER_TICK * 2];
    private long tick;
    private long sample;

    public TestPattern(int width, int height, int fps) {
        this.width = width;
        this.height = height;
        this.ticksPerFrame = Math.max(1, 100 / fps);
        this.video = new VideoFrameSource();
        this.audio = new AudioFrameSource();
        this.y = new byte[width * height];
        this.u = new byte[((width + 1) / 2) * ((height + 1) / 2)];
        this.v = new byte[u.length];
        this.clock = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "mscluster-test-pattern");
            t.setDaemon(true);
            return t;
        });
        clock.scheduleAtFixedRate(this::tick, 0, 10, TimeUnit.MILLISECONDS);
    }

    public VideoFrameSource video() {
        return video;
    }

    public AudioFrameSource audio() {
        return audio;
    }

    private void tick() {
        try {
            for (int i = 0; i < SAMPLES_PER_TICK; i++, sample++) {
                short s = (short) (Math.sin(2 * Math.PI * 440 * sample / SAMPLE_RATE) * 6000);
                pcm[2 * i] = (byte) s;
                pcm[2 * i + 1] = (byte) (s >> 8);
            }
            audio.push(pcm, SAMPLE_RATE, 1, SAMPLES_PER_TICK);
            if (tick++ % ticksPerFrame == 0)
                video.pushI420(width, height, paint(), u, v, System.nanoTime());
        } catch (RuntimeException e) {
            // a source disposed under us while closing: the next tick is cancelled
        }
    }

    // Colour bars that scroll one bar width every second, so a decoder sees motion.
    private byte[] paint() {
        int bar = Math.max(1, width / BARS.length);
        int shift = (int) (tick / ticksPerFrame) * bar / 15;
        int cw = (width + 1) / 2;
        for (int x = 0; x < width; x++) {
            byte[] colour = BARS[((x + shift) / bar) % BARS.length];
            for (int row = 0; row < height; row++)
                y[row * width + x] = colour[0];
            if (x % 2 == 0) {
                for (int row = 0; row < (height + 1) / 2; row++) {
                    u[row * cw + x / 2] = colour[1];
                    v[row * cw + x / 2] = colour[2];
                }
            }
        }
        return y;
    }

    @Override
    public void close() {
        clock.shutdownNow();
        try {
            clock.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        video.close();
        audio.close();
    }
}
