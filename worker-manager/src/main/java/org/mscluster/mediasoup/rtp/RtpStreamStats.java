package org.mscluster.mediasoup.rtp;

/**
 * Statistics of one RTP stream as the worker reports them: {@link RtpStreamRecvStats} for a stream
 * mediasoup receives ({@code "inbound-rtp"}), {@link RtpStreamSendStats} for one it sends
 * ({@code "outbound-rtp"}). A consumer's stats list both its own sending stream and the stream of
 * its producer, hence a common type.
 */
public sealed interface RtpStreamStats permits RtpStreamRecvStats, RtpStreamSendStats {

    /** {@code "inbound-rtp"} or {@code "outbound-rtp"}. */
    String type();

    /** Milliseconds, from the worker's clock. */
    long timestamp();

    long ssrc();

    Long rtxSsrc();

    String rid();

    MediaKind kind();

    String mimeType();

    long packetsLost();

    int fractionLost();

    long jitter();

    long packetsDiscarded();

    long packetsRetransmitted();

    long packetsRepaired();

    long nackCount();

    long nackPacketCount();

    long pliCount();

    long firCount();

    double roundTripTime();

    Long rtxPacketsDiscarded();

    int score();

    long packetCount();

    long byteCount();

    /** Bits per second. */
    long bitrate();
}
