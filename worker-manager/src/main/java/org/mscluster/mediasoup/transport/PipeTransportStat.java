package org.mscluster.mediasoup.transport;

/** The entry of {@code pipeTransport.getStats()}. */
public record PipeTransportStat(BaseTransportStats base, TransportTuple tuple) implements TransportStat {

    @Override
    public String type() {
        return "pipe-transport";
    }
}
