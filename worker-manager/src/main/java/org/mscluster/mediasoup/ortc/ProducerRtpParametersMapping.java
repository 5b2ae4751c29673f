package org.mscluster.mediasoup.ortc;

import org.mscluster.mediasoup.rtp.RtpParameters;

/**
 * The result of {@link Ortc#getProducerRtpParametersMapping}: the mapping, and the producer's RTP
 * parameters as matching left them.
 *
 * <p>Node's function returns only the mapping but also rewrites its argument: each H264 codec gets
 * the {@code profile-level-id} answered against the router's codec. Those rewritten parameters are
 * what Node sends to the worker, keeps as {@code producer.rtpParameters} and passes to
 * {@code getConsumableRtpParameters}, so the Java port returns them beside the mapping instead.
 */
public record ProducerRtpParametersMapping(RtpParameters rtpParameters, RtpCodecsEncodingsMapping rtpMapping) {
}
