package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A transport's local address and, once known, its remote one. The remote side stays {@code null}
 * until the transport is connected (or, with comedia, until the first packet arrives).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record TransportTuple(
        String localAddress,
        int localPort,
        String remoteIp,
        Integer remotePort,
        TransportProtocol protocol) {

    /**
     * The same as {@link #localAddress()}, kept by mediasoup for older applications.
     *
     * @deprecated use {@link #localAddress()}
     */
    @Deprecated
    @JsonProperty("localIp")
    public String localIp() {
        return localAddress;
    }
}
