package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The deprecated way of giving a listen address ({@code TransportListenIp}), still accepted by
 * mediasoup 3.27.1 and turned into {@link ListenInfo}s by the router.
 *
 * @deprecated use {@link ListenInfo}
 */
@Deprecated
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ListenIp(String ip, String announcedIp) {

    /** The form of a plain string in Node ({@code listenIps: ['127.0.0.1']}). */
    public static ListenIp of(String ip) {
        return new ListenIp(ip, null);
    }
}
