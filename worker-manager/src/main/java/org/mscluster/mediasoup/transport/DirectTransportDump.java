package org.mscluster.mediasoup.transport;

/** {@code directTransport.dump()}: the base fields only. */
public record DirectTransportDump(BaseTransportDump base) implements TransportDump {
}
