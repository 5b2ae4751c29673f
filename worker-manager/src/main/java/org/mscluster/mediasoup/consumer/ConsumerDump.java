package org.mscluster.mediasoup.consumer;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpEncodingParameters;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.mediasoup.rtp.RtpStreamDump;

/**
 * What the worker holds for a consumer ({@link Consumer#dump()}). Node has one dump type per
 * consumer type; here one record carries them all and what a type lacks is {@code null}:
 * {@code rtpStream} for simple, simulcast and SVC consumers, {@code rtpStreams} for pipe ones, the
 * six layer fields for simulcast and SVC ones (and even there {@code null} while unknown).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ConsumerDump(
        String id,
        String producerId,
        MediaKind kind,
        ConsumerType type,
        RtpParameters rtpParameters,
        List<RtpEncodingParameters> consumableRtpEncodings,
        List<Integer> supportedCodecPayloadTypes,
        List<ConsumerTraceEventType> traceEventTypes,
        boolean paused,
        boolean producerPaused,
        int priority,
        RtpStreamDump rtpStream,
        List<RtpStreamDump> rtpStreams,
        Integer preferredSpatialLayer,
        Integer targetSpatialLayer,
        Integer currentSpatialLayer,
        Integer preferredTemporalLayer,
        Integer targetTemporalLayer,
        Integer currentTemporalLayer) {
}
