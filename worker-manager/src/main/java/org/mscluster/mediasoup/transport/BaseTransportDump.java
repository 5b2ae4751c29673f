package org.mscluster.mediasoup.transport;

import java.util.List;
import java.util.Map;
import org.mscluster.mediasoup.sctp.SctpNegotiatedCapabilities;
import org.mscluster.mediasoup.sctp.SctpParameters;

/**
 * What every transport's {@code dump()} reports ({@code BaseTransportDump}). The SCTP fields are
 * {@code null} when SCTP is not enabled.
 */
public record BaseTransportDump(
        String id,
        List<String> producerIds,
        List<String> consumerIds,
        Map<Long, String> mapSsrcConsumerId,
        Map<Long, String> mapRtxSsrcConsumerId,
        List<String> dataProducerIds,
        List<String> dataConsumerIds,
        RecvRtpHeaderExtensions recvRtpHeaderExtensions,
        RtpListenerDump rtpListener,
        long maxSendMessageSize,
        long maxReceiveMessageSize,
        SctpParameters sctpParameters,
        SctpState sctpState,
        SctpNegotiatedCapabilities sctpNegotiatedCapabilities,
        SctpListenerDump sctpListener,
        List<TransportTraceEventType> traceEventTypes) {
}
