package org.mscluster.signaling.dispatcher;

/**
 * A client asking where to go: the query of {@code /api/dispatch} or of a WebSocket handshake.
 * Any field may be null; {@link Dispatcher} checks them.
 *
 * @param address the client's IP literal, for the CIDR table
 */
public record DispatchQuery(String roomId, String peerId, String namespace, String token, String region, String isp,
        String address) {
}
