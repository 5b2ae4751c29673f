package org.mscluster.mediasoup.transport;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Ports a transport may bind, both inclusive; the worker picks a free one at random. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PortRange(int min, int max) {

    public static PortRange of(int min, int max) {
        return new PortRange(min, max);
    }
}
