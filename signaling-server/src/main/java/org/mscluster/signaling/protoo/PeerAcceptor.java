package org.mscluster.signaling.protoo;

/**
 * Receives every peer whose WebSocket handshake succeeded. Called on the peer's event loop: an
 * implementation hands slow work (creating a router) to its own executor and returns at once.
 */
@FunctionalInterface
public interface PeerAcceptor {
    void accept(ConnectionRequest request, ProtooPeer peer);
}
