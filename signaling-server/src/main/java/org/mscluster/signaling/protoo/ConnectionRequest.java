package org.mscluster.signaling.protoo;

import java.net.SocketAddress;
import java.util.Objects;

/**
 * What a WebSocket handshake asked for, from its query string ({@code roomId}, {@code peerId}
 * required; the rest optional, {@code null} when absent).
 *
 * @param consumerReplicas the demo app's testing knob: extra consumers per producer; 0 for any bad number
 * @param host the {@code Host} header, to build URLs the client can reach again
 */
public record ConnectionRequest(
        String roomId,
        String peerId,
        String namespace,
        String token,
        String region,
        String isp,
        int consumerReplicas,
        String host,
        SocketAddress remoteAddress) {

    public static final String DEFAULT_NAMESPACE = "default";

    public ConnectionRequest {
        Objects.requireNonNull(roomId, "roomId");
        Objects.requireNonNull(peerId, "peerId");
        namespace = namespace == null || namespace.isEmpty() ? DEFAULT_NAMESPACE : namespace;
        consumerReplicas = Math.max(0, consumerReplicas);
    }
}
