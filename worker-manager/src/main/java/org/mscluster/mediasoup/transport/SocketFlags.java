package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Socket options of a listen address. {@code ipv6Only} is ignored for IPv4 addresses and
 * {@code udpReusePort} for TCP.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SocketFlags(boolean ipv6Only, boolean udpReusePort) {
}
