package org.mscluster.mediasoup.transport;

/** {@code pipeTransport.dump()}. */
public record PipeTransportDump(
        BaseTransportDump base,
        TransportTuple tuple,
        boolean rtx,
        SrtpParameters srtpParameters) implements TransportDump {
}
