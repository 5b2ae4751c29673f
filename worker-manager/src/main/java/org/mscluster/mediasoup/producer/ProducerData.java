package org.mscluster.mediasoup.producer;

import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpParameters;

/**
 * What a producer is, fixed at creation: its kind, the RTP parameters it sends with, its type as the
 * worker decided, and the parameters consumers of it are derived from (router payload types,
 * mapped SSRCs).
 */
public record ProducerData(MediaKind kind, RtpParameters rtpParameters, ProducerType type,
        RtpParameters consumableRtpParameters) {
}
