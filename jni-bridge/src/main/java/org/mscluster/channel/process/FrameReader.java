package org.mscluster.channel.process;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;

/**
 * The worker's messages from its pipe, each a u32 little-endian size and the body. One read takes
 * whatever the pipe holds into a direct buffer, so a burst of responses costs one system call and
 * no copy through a heap array; each body is then copied out once, into an array of its own, since
 * the responses built on it outlive the next read.
 */
final class FrameReader {

    private final ReadableByteChannel in;
    /** Bytes read and not handed out, between position and limit. */
    private final ByteBuffer buffer;

    FrameReader(ReadableByteChannel in, int capacity) {
        this.in = in;
        this.buffer = ByteBuffer.allocateDirect(capacity).order(ByteOrder.LITTLE_ENDIAN);
        this.buffer.flip();
    }

    /** True when the next message is already read: taking it cannot wait for the worker. */
    boolean holdsMessage() {
        int held = buffer.remaining();
        return held >= 4 && held - 4 >= buffer.getInt(buffer.position());
    }

    /**
     * The next message's body, or null when the pipe ended between two messages.
     *
     * @throws CorruptFrameException when a size prefix is negative (not a size the worker writes)
     * @throws EOFException when the pipe ends inside a message
     */
    byte[] next() throws IOException {
        if (!fill(4)) {
            return null;
        }
        int size = buffer.getInt();
        if (size < 0) {
            throw new CorruptFrameException(Integer.toUnsignedLong(size));
        }
        byte[] body = new byte[size];
        int held = Math.min(size, buffer.remaining());
        buffer.get(body, 0, held);
        if (held < size) {
            // Larger than what one read brought: the rest goes straight into the body.
            ByteBuffer rest = ByteBuffer.wrap(body, held, size - held);
            while (rest.hasRemaining()) {
                if (in.read(rest) < 0) {
                    throw new EOFException("the pipe ended inside a message of " + size + " bytes");
                }
            }
        }
        return body;
    }

    /** Reads until {@code needed} bytes are held; false if the pipe ended with none held. */
    private boolean fill(int needed) throws IOException {
        if (buffer.remaining() >= needed) {
            return true;
        }
        buffer.compact();
        try {
            while (buffer.position() < needed) {
                if (in.read(buffer) < 0) {
                    if (buffer.position() == 0) {
                        return false;
                    }
                    throw new EOFException("the pipe ended inside a size prefix");
                }
            }
        } finally {
            buffer.flip();
        }
        return true;
    }

    /** A size prefix no worker writes: the stream is out of step and cannot be read on. */
    static final class CorruptFrameException extends IOException {
        private static final long serialVersionUID = 1L;

        CorruptFrameException(long size) {
            super("corrupt message size " + size);
        }
    }
}
