package org.mscluster.client.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCRtpTransceiverDirection;
import dev.onvoid.webrtc.RTCRtpTransceiverInit;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import dev.onvoid.webrtc.media.MediaStreamTrack;
import java.util.List;
import org.mscluster.sdp.MediaSection;
import org.mscluster.sdp.Sdp;
import java.util.function.Consumer;

/**
 * A sending WebRTC transport (mediasoup-client's {@code SendTransport} with its Unified Plan handler): one
 * peer connection that offers, the router's side answered from the transport's parameters.
 * Not thread-safe: call it from one thread (the room client's).
 */
public final class SendTransport implements AutoCloseable {
    private final String id;
    private final JsonNode routerCapabilities;
    private final TransportSignal signal;
    private final RemoteSdp remote;
    private final RTCPeerConnection pc;
    private boolean connected;
    private boolean sctpNegotiated;
    private int nextStreamId;

    public SendTransport(PeerConnectionFactory factory, JsonNode transportInfo, JsonNode routerCapabilities,
            TransportSignal signal, Consumer<RTCPeerConnectionState> onState) {
        this.id = transportInfo.path("id").asText();
        this.routerCapabilities = routerCapabilities;
        this.signal = signal;
        this.remote = new RemoteSdp(transportInfo);
        this.pc = PeerConnections.create(factory, onState);
    }

    public String id() {
        return id;
    }

    public RTCPeerConnection peerConnection() {
        return pc;
    }

    /** Sends {@code track} (one encoding, no simulcast) and returns the producer id the server gave it. */
    public String produce(MediaStreamTrack track, String streamId, JsonNode appData) {
        RTCRtpTransceiverInit init = new RTCRtpTransceiverInit();
        init.direction = RTCRtpTransceiverDirection.SEND_ONLY;
        init.streamIds = List.of(streamId);
        RTCRtpTransceiver transceiver = pc.addTransceiver(track, init);
        RTCSessionDescription offer = Negotiation.createOffer(pc);
        Negotiation.setLocal(pc, offer);
        String mid = transceiver.getMid();
        MediaSection section = Sdp.parse(offer.sdp).mediaByMid(mid)
                .orElseThrow(() -> new IllegalStateException("the local offer has no m-section " + mid));
        ObjectNode rtpParameters = RtpJson.sendParameters(section, routerCapabilities);
        connectOnce(offer.sdp);
        remote.answerMedia(mid, section.kind(), rtpParameters);
        Negotiation.setRemote(pc, RTCSdpType.ANSWER, remote.toSdp(false));
        return signal.produce(track.getKind(), rtpParameters, appData);
    }

    /** Opens a data channel (negotiated, stream id chosen here) and announces it with produceData. */
    public RTCDataChannel produceData(String label, JsonNode appData) {
        int streamId = nextStreamId++;
        RTCDataChannelInit init = new RTCDataChannelInit();
        init.negotiated = true;
        init.id = streamId;
        init.ordered = true;
        init.protocol = "";
        RTCDataChannel channel = pc.createDataChannel(label, init);
        if (!sctpNegotiated) {
            RTCSessionDescription offer = Negotiation.createOffer(pc);
            Negotiation.setLocal(pc, offer);
            for (SdpSection s : SdpSection.parse(offer.sdp, null)) {
                if (s.kind().equals("application"))
                    remote.application(s.mid());
            }
            connectOnce(offer.sdp);
            Negotiation.setRemote(pc, RTCSdpType.ANSWER, remote.toSdp(false));
            sctpNegotiated = true;
        }
        ObjectNode sctp = LocalRtp.JSON.createObjectNode().put("streamId", streamId).put("ordered", true);
        signal.produceData(sctp, label, "", appData);
        return channel;
    }

    private void connectOnce(String localSdp) {
        if (connected)
            return;
        signal.connect(Negotiation.localDtlsParameters(localSdp));
        connected = true;
    }

    @Override
    public void close() {
        pc.close();
    }
}
