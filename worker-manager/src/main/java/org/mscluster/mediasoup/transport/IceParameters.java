package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Local ICE credentials of a WebRtcTransport, for the client's remote description. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IceParameters(String usernameFragment, String password, boolean iceLite) {
}
