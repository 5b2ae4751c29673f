package org.mscluster.mediasoup.sctp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Reliability of one SCTP stream (a data channel). Ordered streams are reliable; an unordered one
 * may give up after {@code maxPacketLifeTime} milliseconds or after {@code maxRetransmits}
 * retransmissions, not both. ortc fills {@code ordered} in when it is absent.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SctpStreamParameters(
        Integer streamId,
        Boolean ordered,
        Integer maxPacketLifeTime,
        Integer maxRetransmits) {

    /** An ordered, reliable stream. */
    public static SctpStreamParameters reliable(int streamId) {
        return new SctpStreamParameters(streamId, true, null, null);
    }

    public SctpStreamParameters withOrdered(Boolean value) {
        return new SctpStreamParameters(streamId, value, maxPacketLifeTime, maxRetransmits);
    }
}
