package org.mscluster.mediasoup.sctp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * An endpoint's SCTP capabilities, as mediasoup-client's {@code device.sctpCapabilities}.
 *
 * <p>mediasoup 3.27.1 itself no longer has this type (its SCTP stack negotiates stream counts on
 * its own), but mediasoup-client and the demo protocol still send it when a peer joins and creates
 * transports, so the signaling layer needs to read it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SctpCapabilities(NumSctpStreams numStreams) {
}
