package org.mscluster.mediasoup.producer;

import java.util.List;
import org.mscluster.mediasoup.ortc.RtpCodecsEncodingsMapping;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.mediasoup.rtp.RtpStreamDump;

/** What the worker holds for a producer ({@link Producer#dump()}). */
public record ProducerDump(
        String id,
        MediaKind kind,
        ProducerType type,
        RtpParameters rtpParameters,
        RtpCodecsEncodingsMapping rtpMapping,
        List<RtpStreamDump> rtpStreams,
        List<ProducerTraceEventType> traceEventTypes,
        boolean paused) {
}
