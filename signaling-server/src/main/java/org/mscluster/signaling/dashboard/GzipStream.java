package org.mscluster.signaling.dashboard;

import java.io.ByteArrayOutputStream;
import java.util.zip.Deflater;

/**
 * A gzip stream that never ends, flushed after each event ({@code SYNC_FLUSH}) so the browser can
 * decode every event as it arrives: consecutive cluster views differ little, so they compress well
 * (see the benchmark in the README). One per subscriber; not thread-safe; {@link #close()} frees the
 * native deflater.
 */
final class GzipStream implements AutoCloseable {

    /** Magic, deflate, no flags, no time, no extra flags, unknown OS. */
    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private final byte[] buffer = new byte[64 * 1024];
    private boolean started;

    /** The compressed bytes of {@code input}, the stream's header first. */
    byte[] encode(byte[] input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 4 + 64);
        if (!started) {
            out.writeBytes(HEADER);
            started = true;
        }
        deflater.setInput(input);
        int n;
        do {
            n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
        } while (n == buffer.length || !deflater.needsInput());
        return out.toByteArray();
    }

    @Override
    public void close() {
        deflater.end();
    }
}
