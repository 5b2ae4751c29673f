package org.mscluster.client.handler;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.PeerConnectionObserver;
import dev.onvoid.webrtc.RTCConfiguration;
import dev.onvoid.webrtc.RTCIceCandidate;
import dev.onvoid.webrtc.RTCPeerConnection;
import dev.onvoid.webrtc.RTCPeerConnectionState;
import java.util.function.Consumer;

/** The peer connection of a transport towards mediasoup. */
final class PeerConnections {
    private PeerConnections() {
    }

    static RTCPeerConnection create(PeerConnectionFactory factory, Consumer<RTCPeerConnectionState> onState) {
        return factory.createPeerConnection(new RTCConfiguration(), new PeerConnectionObserver() {
            @Override
            public void onIceCandidate(RTCIceCandidate candidate) {
                // The server is ICE-lite: it learns our addresses from our checks.
            }

            @Override
            public void onConnectionChange(RTCPeerConnectionState state) {
                onState.accept(state);
            }
        });
    }
}
