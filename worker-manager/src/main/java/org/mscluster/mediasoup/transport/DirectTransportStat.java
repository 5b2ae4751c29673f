package org.mscluster.mediasoup.transport;

/** The entry of {@code directTransport.getStats()}. */
public record DirectTransportStat(BaseTransportStats base) implements TransportStat {

    @Override
    public String type() {
        return "direct-transport";
    }
}
