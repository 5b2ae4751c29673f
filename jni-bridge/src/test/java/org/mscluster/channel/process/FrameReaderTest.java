package org.mscluster.channel.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Frames cut at every place a pipe can cut them: in a prefix, in a body, several in one read, larger than the buffer. */
class FrameReaderTest {

    @Test
    void readsEveryMessageWhateverTheReadsBring() throws IOException {
        Random random = new Random(7);
        List<byte[]> sent = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            // Mostly small, some past the reader's buffer, some empty.
            int size = i % 97 == 0 ? 200 + random.nextInt(3000) : i % 13 == 0 ? 0 : random.nextInt(120);
            byte[] body = new byte[size];
            random.nextBytes(body);
            sent.add(body);
        }
        for (int chunk : new int[] {1, 3, 4, 5, 64, 1000, 1 << 20}) {
            FrameReader reader = new FrameReader(chunked(frames(sent), chunk, random), 256);
            for (byte[] expected : sent) {
                assertThat(reader.next()).isEqualTo(expected);
            }
            assertThat(reader.next()).as("the end of the pipe between messages").isNull();
        }
    }

    @Test
    void saysWhetherTheNextMessageIsAlreadyRead() throws IOException {
        byte[] stream = frames(List.of(new byte[] {1, 2, 3}, new byte[] {4}));
        FrameReader reader = new FrameReader(Channels.newChannel(new ByteArrayInputStream(stream)), 64);
        assertThat(reader.holdsMessage()).as("nothing read yet").isFalse();
        assertThat(reader.next()).containsExactly(1, 2, 3);
        assertThat(reader.holdsMessage()).as("the second came in the same read").isTrue();
        assertThat(reader.next()).containsExactly(4);
        assertThat(reader.holdsMessage()).isFalse();
    }

    @Test
    void aPipeThatEndsInsideAMessageIsAnError() {
        byte[] whole = frames(List.of(new byte[10]));
        byte[] cutBody = Arrays.copyOf(whole, whole.length - 1);
        byte[] cutPrefix = Arrays.copyOf(whole, 2);
        assertThatThrownBy(() -> new FrameReader(Channels.newChannel(new ByteArrayInputStream(cutBody)), 64).next())
                .isInstanceOf(EOFException.class);
        assertThatThrownBy(() -> new FrameReader(Channels.newChannel(new ByteArrayInputStream(cutPrefix)), 64).next())
                .isInstanceOf(EOFException.class);
    }

    @Test
    void aNegativeSizeIsACorruptStream() {
        byte[] stream = {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2};
        assertThatThrownBy(() -> new FrameReader(Channels.newChannel(new ByteArrayInputStream(stream)), 64).next())
                .isInstanceOf(FrameReader.CorruptFrameException.class).hasMessageContaining("4294967295");
    }

    static byte[] frames(List<byte[]> bodies) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] body : bodies) {
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(body.length).array());
            out.writeBytes(body);
        }
        return out.toByteArray();
    }

    /** A stream whose reads return at most {@code chunk} bytes, sometimes fewer, as a pipe's do. */
    private static ReadableByteChannel chunked(byte[] data, int chunk, Random random) {
        InputStream in = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + random.nextInt(chunk)));
            }

            @Override
            public synchronized int available() {
                // As a pipe that is momentarily empty: the channel returns after one read.
                return 0;
            }
        };
        return Channels.newChannel(in);
    }
}
