package org.mscluster.mediasoup;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * The ids the layer gives routers, transports, producers, consumers and the rest: random UUID v4
 * text ({@code xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx}, lower case), as Node's {@code crypto.randomUUID()}
 * gives, and as unguessable (122 bits from {@link SecureRandom}).
 *
 * <p>{@code UUID.randomUUID()} asked one shared, locked {@code SecureRandom} for 16 bytes per id and
 * formatted through {@code UUID.toString}; a produce/consume cycle makes several ids. Here each thread
 * takes its bytes from its own block, refilled from a {@code SecureRandom} once per
 * {@value #IDS_PER_BLOCK} ids, and the text is written straight into a Latin-1 byte array.
 */
public final class Ids {

    private static final int IDS_PER_BLOCK = 32;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.ISO_8859_1);
    private static final ThreadLocal<Block> BLOCKS = ThreadLocal.withInitial(Block::new);

    private Ids() {
    }

    /** A new random UUID v4 in its 36-character text form. */
    public static String uuid() {
        Block block = BLOCKS.get();
        int o = block.take16();
        byte[] b = block.bytes;
        byte[] text = new byte[36];
        int t = 0;
        for (int i = 0; i < 16; i++) {
            int v = b[o + i] & 0xff;
            if (i == 6) {
                v = (v & 0x0f) | 0x40; // version 4
            } else if (i == 8) {
                v = (v & 0x3f) | 0x80; // IETF variant
            }
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                text[t++] = '-';
            }
            text[t++] = HEX[v >>> 4];
            text[t++] = HEX[v & 0x0f];
        }
        return new String(text, StandardCharsets.ISO_8859_1);
    }

    /** Eight random hex characters (a producer's CNAME when none is given, as Node's first eight of a UUID). */
    public static String shortHex() {
        return uuid().substring(0, 8);
    }

    /** One thread's random bytes, read 16 at a time. */
    private static final class Block {
        private final SecureRandom random = new SecureRandom();
        final byte[] bytes = new byte[16 * IDS_PER_BLOCK];
        private int used = bytes.length;

        /** The offset of 16 bytes no other id used. */
        int take16() {
            if (used == bytes.length) {
                random.nextBytes(bytes);
                used = 0;
            }
            int at = used;
            used += 16;
            return at;
        }
    }
}
