package org.mscluster.mediasoup.transport;

/**
 * What every transport's {@code getStats()} reports ({@code BaseTransportStats}); bytes are totals,
 * bitrates in bits per second. The nullable figures are absent until they apply (no SCTP, no
 * bandwidth estimation yet, no limit set).
 */
public record BaseTransportStats(
        String transportId,
        long timestamp,
        SctpState sctpState,
        long bytesReceived,
        long recvBitrate,
        long bytesSent,
        long sendBitrate,
        long rtpBytesReceived,
        long rtpRecvBitrate,
        long rtpBytesSent,
        long rtpSendBitrate,
        long rtxBytesReceived,
        long rtxRecvBitrate,
        long rtxBytesSent,
        long rtxSendBitrate,
        long probationBytesSent,
        long probationSendBitrate,
        Long availableOutgoingBitrate,
        Long availableIncomingBitrate,
        Long maxIncomingBitrate,
        Long maxOutgoingBitrate,
        Long minOutgoingBitrate,
        Double rtpPacketLossReceived,
        Double rtpPacketLossSent) {
}
