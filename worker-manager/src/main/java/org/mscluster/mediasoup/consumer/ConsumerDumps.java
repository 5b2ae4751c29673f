package org.mscluster.mediasoup.consumer;

import FBS.Consumer.BaseConsumerDump;
import FBS.Consumer.ConsumerDump;
import org.mscluster.mediasoup.fbs.FbsVectors;
import org.mscluster.mediasoup.fbs.MediaKinds;
import org.mscluster.mediasoup.fbs.RtpEncodingsFbs;
import org.mscluster.mediasoup.fbs.RtpParametersFbs;
import org.mscluster.mediasoup.fbs.RtpStreamDumpFbs;
import org.mscluster.mediasoup.rtp.RtpStreamDump;

/** Reads a consumer dump, whose layout depends on the consumer's type (Node's {@code parseConsumerDumpResponse}). */
final class ConsumerDumps {

    private ConsumerDumps() {
    }

    static org.mscluster.mediasoup.consumer.ConsumerDump parse(FBS.Consumer.DumpResponse response) {
        ConsumerDump dump = response.data();
        BaseConsumerDump base = dump.base();
        ConsumerType type = ConsumerType.fromFbs(base.type());
        boolean pipe = type == ConsumerType.PIPE;
        boolean layered = type == ConsumerType.SIMULCAST || type == ConsumerType.SVC;
        RtpStreamDump rtpStream = !pipe && dump.rtpStreamsLength() > 0 ? RtpStreamDumpFbs.parse(dump.rtpStreams(0)) : null;
        return new org.mscluster.mediasoup.consumer.ConsumerDump(
                base.id(),
                base.producerId(),
                MediaKinds.fromFbs(base.kind()),
                type,
                RtpParametersFbs.parse(base.rtpParameters()),
                FbsVectors.list(base.consumableRtpEncodingsLength(),
                        i -> RtpEncodingsFbs.parse(base.consumableRtpEncodings(i))),
                FbsVectors.ints(base.supportedCodecPayloadTypesLength(), base::supportedCodecPayloadTypes),
                FbsVectors.list(base.traceEventTypesLength(), i -> ConsumerTraceEventType.fromFbs(base.traceEventTypes(i))),
                base.paused(),
                base.producerPaused(),
                base.priority(),
                rtpStream,
                pipe ? FbsVectors.list(dump.rtpStreamsLength(), i -> RtpStreamDumpFbs.parse(dump.rtpStreams(i))) : null,
                layered && dump.hasPreferredSpatialLayer() ? (int) dump.preferredSpatialLayer() : null,
                layered && dump.hasTargetSpatialLayer() ? (int) dump.targetSpatialLayer() : null,
                layered && dump.hasCurrentSpatialLayer() ? (int) dump.currentSpatialLayer() : null,
                layered && dump.hasPreferredTemporalLayer() ? (int) dump.preferredTemporalLayer() : null,
                layered && dump.hasTargetTemporalLayer() ? (int) dump.targetTemporalLayer() : null,
                layered && dump.hasCurrentTemporalLayer() ? (int) dump.currentTemporalLayer() : null);
    }
}
