package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A local ICE candidate of a WebRtcTransport; {@code tcpType} only for TCP candidates. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record IceCandidate(
        String foundation,
        long priority,
        String address,
        TransportProtocol protocol,
        int port,
        IceCandidateType type,
        IceCandidateTcpType tcpType) {

    /**
     * The same as {@link #address()}, which mediasoup-client still reads.
     *
     * @deprecated use {@link #address()}
     */
    @Deprecated
    @JsonProperty("ip")
    public String ip() {
        return address;
    }
}
