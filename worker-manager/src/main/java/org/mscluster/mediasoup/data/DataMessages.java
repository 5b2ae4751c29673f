package org.mscluster.mediasoup.data;

import java.nio.charset.StandardCharsets;

/**
 * The SCTP payload protocol identifiers of WebRTC data channels, and the rule both {@link
 * DataProducer#send} and {@link DataConsumer#send} apply when none is given: text or binary, empty
 * or not. An empty message cannot travel over SCTP, so the "empty" PPIDs carry one placeholder
 * byte (a space for text, a zero for binary), as the Node layer sends them.
 */
final class DataMessages {

    static final int PPID_STRING = 51;
    static final int PPID_BINARY = 53;
    static final int PPID_STRING_EMPTY = 56;
    static final int PPID_BINARY_EMPTY = 57;

    private DataMessages() {
    }

    static int ppidOf(byte[] payload, boolean text, Integer ppid) {
        if (ppid != null) {
            return ppid;
        }
        if (text) {
            return payload.length > 0 ? PPID_STRING : PPID_STRING_EMPTY;
        }
        return payload.length > 0 ? PPID_BINARY : PPID_BINARY_EMPTY;
    }

    /** What goes on the wire for {@code ppid}: the placeholder byte for the "empty" PPIDs. */
    static byte[] payloadFor(byte[] payload, int ppid) {
        if (ppid == PPID_STRING_EMPTY) {
            return " ".getBytes(StandardCharsets.UTF_8);
        }
        if (ppid == PPID_BINARY_EMPTY) {
            return new byte[1];
        }
        return payload;
    }
}
