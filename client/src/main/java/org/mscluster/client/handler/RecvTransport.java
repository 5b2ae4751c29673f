package org.mscluster.client.handler;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.RTCDataChannel;
import dev.onvoid.webrtc.RTCDataChannelInit;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import dev.onvoid.webrtc.RTCRtpReceiver;
import dev.onvoid.webrtc.RTCRtpTransceiver;
import dev.onvoid.webrtc.RTCSdpType;
import dev.onvoid.webrtc.RTCSessionDescription;
import java.util.function.Consumer;

/**
 * A receiving WebRTC transport (mediasoup-client's {@code RecvTransport}): the router's side is offered,
 * one m-section per consumer (mid from the consumer's RTP parameters), and the peer connection answers.
 * Not thread-safe: call it from one thread (the room client's).
 */
public final class RecvTransport implements AutoCloseable {
    private static final String DATA_MID = "datachannel";
    private final String id;
    private final TransportSignal signal;
    private final RemoteSdp remote;
    private final RTCPeerConnection pc;
    private boolean connected;
    private int nextMid;

    public RecvTransport(PeerConnectionFactory factory, JsonNode transportInfo, TransportSignal signal,
            Consumer<RTCPeerConnectionState> onState) {
        this.id = transportInfo.path("id").asText();
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

    /** Adds a consumer's m-section and returns its receiver once negotiated (its track carries the media). */
    public RTCRtpReceiver consume(String consumerId, String kind, JsonNode rtpParameters, String streamId) {
        String mid = rtpParameters.hasNonNull("mid") ? rtpParameters.get("mid").asText() : "r" + nextMid++;
        remote.offerMedia(mid, kind, rtpParameters, streamId, consumerId);
        negotiate();
        for (RTCRtpTransceiver transceiver : pc.getTransceivers()) {
            if (mid.equals(transceiver.getMid()))
                return transceiver.getReceiver();
        }
        throw new IllegalStateException("no transceiver for mid " + mid);
    }

    /** The mid of the m-section that carries {@code consumerId}'s media (the consumer's own or ours). */
    public static String midOf(JsonNode rtpParameters) {
        return rtpParameters.path("mid").asText(null);
    }

    /** Stops a consumer's m-section (it closed on the server). */
    public void stopConsuming(String mid) {
        if (mid == null || !remote.has(mid))
            return;
        remote.close(mid);
        negotiate();
    }

    /** Opens the receiving side of a data consumer (negotiated channel on the server's stream id). */
    public RTCDataChannel consumeData(JsonNode sctpStreamParameters, String label, String protocol) {
        RTCDataChannelInit init = new RTCDataChannelInit();
        init.negotiated = true;
        init.id = sctpStreamParameters.path("streamId").asInt();
        init.ordered = sctpStreamParameters.path("ordered").asBoolean(true);
        init.protocol = protocol == null ? "" : protocol;
        RTCDataChannel channel = pc.createDataChannel(label, init);
        if (!remote.has(DATA_MID)) {
            remote.application(DATA_MID);
            negotiate();
        }
        return channel;
    }

    private void negotiate() {
        Negotiation.setRemote(pc, RTCSdpType.OFFER, remote.toSdp(true));
        RTCSessionDescription answer = Negotiation.createAnswer(pc);
        if (!connected) {
            signal.connect(Negotiation.localDtlsParameters(answer.sdp));
            connected = true;
        }
        Negotiation.setLocal(pc, answer);
    }

    @Override
    public void close() {
        pc.close();
    }
}
