package org.mscluster.mediasoup.transport;

/**
 * One entry of any transport's {@code getStats()}: the base figures, read through from {@link #base()}
 * (Node spreads them into each entry), and the entry's {@link #type()}.
 */
public interface TransportStat {

    BaseTransportStats base();

    /** {@code webrtc-transport}, {@code plain-rtp-transport}, {@code pipe-transport} or {@code direct-transport}. */
    String type();

    default String transportId() {
        return base().transportId();
    }

    default long timestamp() {
        return base().timestamp();
    }

    default SctpState sctpState() {
        return base().sctpState();
    }

    default long bytesReceived() {
        return base().bytesReceived();
    }

    default long recvBitrate() {
        return base().recvBitrate();
    }

    default long bytesSent() {
        return base().bytesSent();
    }

    default long sendBitrate() {
        return base().sendBitrate();
    }

    default long rtpBytesReceived() {
        return base().rtpBytesReceived();
    }

    default long rtpRecvBitrate() {
        return base().rtpRecvBitrate();
    }

    default long rtpBytesSent() {
        return base().rtpBytesSent();
    }

    default long rtpSendBitrate() {
        return base().rtpSendBitrate();
    }

    default long rtxBytesReceived() {
        return base().rtxBytesReceived();
    }

    default long rtxRecvBitrate() {
        return base().rtxRecvBitrate();
    }

    default long rtxBytesSent() {
        return base().rtxBytesSent();
    }

    default long rtxSendBitrate() {
        return base().rtxSendBitrate();
    }

    default long probationBytesSent() {
        return base().probationBytesSent();
    }

    default long probationSendBitrate() {
        return base().probationSendBitrate();
    }

    default Long availableOutgoingBitrate() {
        return base().availableOutgoingBitrate();
    }

    default Long availableIncomingBitrate() {
        return base().availableIncomingBitrate();
    }

    default Long maxIncomingBitrate() {
        return base().maxIncomingBitrate();
    }

    default Long maxOutgoingBitrate() {
        return base().maxOutgoingBitrate();
    }

    default Long minOutgoingBitrate() {
        return base().minOutgoingBitrate();
    }

    default Double rtpPacketLossReceived() {
        return base().rtpPacketLossReceived();
    }

    default Double rtpPacketLossSent() {
        return base().rtpPacketLossSent();
    }
}
