package org.mscluster.mediasoup.transport;

/** The entry of {@code webRtcTransport.getStats()}. */
public record WebRtcTransportStat(
        BaseTransportStats base,
        IceRole iceRole,
        IceState iceState,
        TransportTuple iceSelectedTuple,
        DtlsState dtlsState) implements TransportStat {

    @Override
    public String type() {
        return "webrtc-transport";
    }
}
