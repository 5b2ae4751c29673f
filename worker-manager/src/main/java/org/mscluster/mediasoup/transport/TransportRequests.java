package org.mscluster.mediasoup.transport;

import FBS.Transport.ConsumeDataRequest;
import FBS.Transport.ConsumeRequest;
import FBS.Transport.ProduceDataRequest;
import FBS.Transport.ProduceRequest;
import com.google.flatbuffers.FlatBufferBuilder;
import java.util.List;
import org.mscluster.mediasoup.consumer.ConsumerLayers;
import org.mscluster.mediasoup.consumer.ConsumerType;
import org.mscluster.mediasoup.data.DataConsumerType;
import org.mscluster.mediasoup.data.DataProducerType;
import org.mscluster.mediasoup.fbs.FbsVectors;
import org.mscluster.mediasoup.fbs.MediaKinds;
import org.mscluster.mediasoup.fbs.RtpEncodingsFbs;
import org.mscluster.mediasoup.fbs.RtpMappingFbs;
import org.mscluster.mediasoup.fbs.RtpParametersFbs;
import org.mscluster.mediasoup.fbs.SctpParametersFbs;
import org.mscluster.mediasoup.ortc.RtpCodecsEncodingsMapping;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.mediasoup.sctp.SctpStreamParameters;

/**
 * The bodies of a transport's produce and consume requests (the module functions of Node's
 * {@code Transport.ts}). Nested tables are written before the table that holds them, as
 * FlatBuffers requires.
 */
final class TransportRequests {

    private TransportRequests() {
    }

    static int produce(FlatBufferBuilder builder, String producerId, MediaKind kind, RtpParameters rtpParameters,
            RtpCodecsEncodingsMapping rtpMapping, boolean paused, Integer keyFrameRequestDelay,
            boolean enableMediasoupPacketIdHeaderExtension) {
        int id = builder.createString(producerId);
        int parameters = RtpParametersFbs.serialize(builder, rtpParameters);
        int mapping = RtpMappingFbs.serialize(builder, rtpMapping);
        ProduceRequest.startProduceRequest(builder);
        ProduceRequest.addProducerId(builder, id);
        ProduceRequest.addKind(builder, MediaKinds.toFbs(kind));
        ProduceRequest.addRtpParameters(builder, parameters);
        ProduceRequest.addRtpMapping(builder, mapping);
        ProduceRequest.addPaused(builder, paused);
        ProduceRequest.addKeyFrameRequestDelay(builder, keyFrameRequestDelay == null ? 0 : keyFrameRequestDelay);
        ProduceRequest.addEnableMediasoupPacketIdHeaderExtension(builder, enableMediasoupPacketIdHeaderExtension);
        return ProduceRequest.endProduceRequest(builder);
    }

    static int consume(FlatBufferBuilder builder, Producer producer, String consumerId, RtpParameters rtpParameters,
            boolean paused, ConsumerLayers preferredLayers, boolean ignoreDtx, boolean pipe) {
        int parameters = RtpParametersFbs.serialize(builder, rtpParameters);
        int consumerIdOffset = builder.createString(consumerId);
        int producerIdOffset = builder.createString(producer.id());
        int consumableEncodings = RtpEncodingsFbs.serialize(builder, producer.consumableRtpParameters().encodings());
        int layers = 0;
        if (preferredLayers != null) {
            FBS.Consumer.ConsumerLayers.startConsumerLayers(builder);
            FBS.Consumer.ConsumerLayers.addSpatialLayer(builder, preferredLayers.spatialLayer() == null ? 0 : preferredLayers.spatialLayer());
            if (preferredLayers.temporalLayer() != null) {
                TransportFbs.forced(builder, () -> FBS.Consumer.ConsumerLayers.addTemporalLayer(builder, preferredLayers.temporalLayer()));
            }
            layers = FBS.Consumer.ConsumerLayers.endConsumerLayers(builder);
        }
        ConsumeRequest.startConsumeRequest(builder);
        ConsumeRequest.addConsumerId(builder, consumerIdOffset);
        ConsumeRequest.addProducerId(builder, producerIdOffset);
        ConsumeRequest.addKind(builder, MediaKinds.toFbs(producer.kind()));
        ConsumeRequest.addRtpParameters(builder, parameters);
        ConsumeRequest.addType(builder, pipe ? ConsumerType.PIPE.toFbs() : producer.type().toFbs());
        ConsumeRequest.addConsumableRtpEncodings(builder, consumableEncodings);
        ConsumeRequest.addPaused(builder, paused);
        if (layers != 0) {
            ConsumeRequest.addPreferredLayers(builder, layers);
        }
        ConsumeRequest.addIgnoreDtx(builder, ignoreDtx);
        return ConsumeRequest.endConsumeRequest(builder);
    }

    static int produceData(FlatBufferBuilder builder, String dataProducerId, DataProducerType type,
            SctpStreamParameters sctpStreamParameters, String label, String protocol, boolean paused) {
        int id = builder.createString(dataProducerId);
        int labelOffset = builder.createString(label);
        int protocolOffset = builder.createString(protocol);
        int sctp = sctpStreamParameters == null ? 0 : SctpParametersFbs.serializeStreamParameters(builder, sctpStreamParameters);
        ProduceDataRequest.startProduceDataRequest(builder);
        ProduceDataRequest.addDataProducerId(builder, id);
        ProduceDataRequest.addType(builder, type.toFbs());
        if (sctp != 0) {
            ProduceDataRequest.addSctpStreamParameters(builder, sctp);
        }
        ProduceDataRequest.addLabel(builder, labelOffset);
        ProduceDataRequest.addProtocol(builder, protocolOffset);
        ProduceDataRequest.addPaused(builder, paused);
        return ProduceDataRequest.endProduceDataRequest(builder);
    }

    static int consumeData(FlatBufferBuilder builder, String dataConsumerId, String dataProducerId, DataConsumerType type,
            SctpStreamParameters sctpStreamParameters, String label, String protocol, boolean paused, List<Integer> subchannels) {
        int id = builder.createString(dataConsumerId);
        int producerId = builder.createString(dataProducerId);
        int labelOffset = builder.createString(label);
        int protocolOffset = builder.createString(protocol);
        int sctp = sctpStreamParameters == null ? 0 : SctpParametersFbs.serializeStreamParameters(builder, sctpStreamParameters);
        int subchannelsOffset = ConsumeDataRequest.createSubchannelsVector(builder,
                FbsVectors.toArray(subchannels == null ? List.of() : subchannels));
        ConsumeDataRequest.startConsumeDataRequest(builder);
        ConsumeDataRequest.addDataConsumerId(builder, id);
        ConsumeDataRequest.addDataProducerId(builder, producerId);
        ConsumeDataRequest.addType(builder, type.toFbs());
        if (sctp != 0) {
            ConsumeDataRequest.addSctpStreamParameters(builder, sctp);
        }
        ConsumeDataRequest.addLabel(builder, labelOffset);
        ConsumeDataRequest.addProtocol(builder, protocolOffset);
        ConsumeDataRequest.addPaused(builder, paused);
        ConsumeDataRequest.addSubchannels(builder, subchannelsOffset);
        return ConsumeDataRequest.endConsumeDataRequest(builder);
    }
}
