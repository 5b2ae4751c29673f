package org.mscluster.mediasoup.router;

import java.util.List;
import java.util.Map;
import org.mscluster.mediasoup.rtp.RtpCodecCapability;
import org.mscluster.mediasoup.worker.Worker;

/**
 * Options of {@link Worker#createRouter}: the media codecs the router offers (Node's
 * {@code RouterRtpCodecCapability}; {@code preferredPayloadType} may be left out) and app data.
 */
public record RouterOptions(List<RtpCodecCapability> mediaCodecs, Map<String, Object> appData) {

    public static RouterOptions of(List<RtpCodecCapability> mediaCodecs) {
        return new RouterOptions(mediaCodecs, null);
    }

    public static RouterOptions empty() {
        return new RouterOptions(null, null);
    }
}
