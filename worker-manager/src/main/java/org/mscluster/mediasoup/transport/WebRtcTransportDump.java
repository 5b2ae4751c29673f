package org.mscluster.mediasoup.transport;

import java.util.List;

/** {@code webRtcTransport.dump()}. */
public record WebRtcTransportDump(
        BaseTransportDump base,
        IceRole iceRole,
        IceParameters iceParameters,
        List<IceCandidate> iceCandidates,
        IceState iceState,
        TransportTuple iceSelectedTuple,
        DtlsParameters dtlsParameters,
        DtlsState dtlsState) implements TransportDump {
}
