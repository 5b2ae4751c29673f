package org.mscluster.mediasoup.consumer;

import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpParameters;

/** What a consumer is, fixed at creation: the producer it consumes, its kind, RTP parameters and type. */
public record ConsumerData(String producerId, MediaKind kind, RtpParameters rtpParameters, ConsumerType type) {
}
