package org.mscluster.mediasoup.rtp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RTCP settings of an RTP stream. mediasoup always uses reduced-size RTCP; ortc sets
 * {@code reducedSize} to true whatever was given.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RtcpParameters(String cname, Boolean reducedSize) {

    public static RtcpParameters empty() {
        return new RtcpParameters(null, null);
    }

    public RtcpParameters withCname(String value) {
        return new RtcpParameters(value, reducedSize);
    }
}
