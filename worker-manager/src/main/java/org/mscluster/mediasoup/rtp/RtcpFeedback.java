package org.mscluster.mediasoup.rtp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An RTCP feedback message a codec supports ({@code nack}, {@code nack pli}, {@code ccm fir},
 * {@code goog-remb}, {@code transport-cc}, …). ortc normalizes an absent parameter to {@code ""}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RtcpFeedback(String type, String parameter) {

    /** Feedback without a parameter, e.g. {@code nack} or {@code transport-cc}. */
    public static RtcpFeedback of(String type) {
        return new RtcpFeedback(type, null);
    }

    public static RtcpFeedback of(String type, String parameter) {
        return new RtcpFeedback(type, parameter);
    }
}
