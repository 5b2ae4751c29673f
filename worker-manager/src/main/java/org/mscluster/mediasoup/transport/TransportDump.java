package org.mscluster.mediasoup.transport;

import java.util.List;
import java.util.Map;
import org.mscluster.mediasoup.sctp.SctpNegotiatedCapabilities;
import org.mscluster.mediasoup.sctp.SctpParameters;

/**
 * The dump of any transport. Node spreads the base fields into each transport's dump; here each
 * dump carries them as {@link #base()} and these accessors read through, so {@code dump.id()} and
 * {@code dump.producerIds()} work on all of them.
 */
public interface TransportDump {

    BaseTransportDump base();

    default String id() {
        return base().id();
    }

    default List<String> producerIds() {
        return base().producerIds();
    }

    default List<String> consumerIds() {
        return base().consumerIds();
    }

    default Map<Long, String> mapSsrcConsumerId() {
        return base().mapSsrcConsumerId();
    }

    default Map<Long, String> mapRtxSsrcConsumerId() {
        return base().mapRtxSsrcConsumerId();
    }

    default List<String> dataProducerIds() {
        return base().dataProducerIds();
    }

    default List<String> dataConsumerIds() {
        return base().dataConsumerIds();
    }

    default RecvRtpHeaderExtensions recvRtpHeaderExtensions() {
        return base().recvRtpHeaderExtensions();
    }

    default RtpListenerDump rtpListener() {
        return base().rtpListener();
    }

    default long maxSendMessageSize() {
        return base().maxSendMessageSize();
    }

    default long maxReceiveMessageSize() {
        return base().maxReceiveMessageSize();
    }

    default SctpParameters sctpParameters() {
        return base().sctpParameters();
    }

    default SctpState sctpState() {
        return base().sctpState();
    }

    default SctpNegotiatedCapabilities sctpNegotiatedCapabilities() {
        return base().sctpNegotiatedCapabilities();
    }

    default SctpListenerDump sctpListener() {
        return base().sctpListener();
    }

    default List<TransportTraceEventType> traceEventTypes() {
        return base().traceEventTypes();
    }
}
