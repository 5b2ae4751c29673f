package org.mscluster.mediasoup.transport;

/** The entry of {@code plainTransport.getStats()}. */
public record PlainTransportStat(
        BaseTransportStats base,
        boolean rtcpMux,
        boolean comedia,
        TransportTuple tuple,
        TransportTuple rtcpTuple) implements TransportStat {

    @Override
    public String type() {
        return "plain-rtp-transport";
    }
}
