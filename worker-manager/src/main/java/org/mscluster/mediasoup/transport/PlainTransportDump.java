package org.mscluster.mediasoup.transport;

/** {@code plainTransport.dump()}. */
public record PlainTransportDump(
        BaseTransportDump base,
        boolean rtcpMux,
        boolean comedia,
        TransportTuple tuple,
        TransportTuple rtcpTuple,
        SrtpParameters srtpParameters) implements TransportDump {
}
