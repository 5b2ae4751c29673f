package org.mscluster.mediasoup.sctp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/** Stream counts an SCTP association ended up with, known once it is connected. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SctpNegotiatedCapabilities(Integer negotiatedMaxOutboundStreams, Integer negotiatedMaxInboundStreams) {
}
