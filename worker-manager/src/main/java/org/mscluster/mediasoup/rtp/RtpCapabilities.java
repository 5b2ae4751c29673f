package org.mscluster.mediasoup.rtp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What mediasoup or an endpoint can receive: media and RTX codecs and header extensions. Serves as
 * Node's {@code RouterRtpCapabilities} too (see {@link RtpCodecCapability}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RtpCapabilities(List<RtpCodecCapability> codecs, List<RtpHeaderExtension> headerExtensions) {

    public RtpCapabilities {
        codecs = Immutables.list(codecs);
        headerExtensions = Immutables.list(headerExtensions);
    }
}
