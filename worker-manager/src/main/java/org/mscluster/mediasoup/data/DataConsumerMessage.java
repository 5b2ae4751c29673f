package org.mscluster.mediasoup.data;

/**
 * A message a data consumer received ({@code message} event; Node passes the buffer and the PPID
 * as two arguments). {@code ppid} tells text (51, 56 for empty) from binary (53, 57 for empty).
 * The array is the message itself, not a copy: equality is by identity, as for any Java array.
 */
public record DataConsumerMessage(byte[] data, int ppid) {

    /** The payload as UTF-8 text, for PPIDs 51 and 56. */
    public String text() {
        return new String(data, java.nio.charset.StandardCharsets.UTF_8);
    }
}
