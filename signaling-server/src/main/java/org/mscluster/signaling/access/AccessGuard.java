package org.mscluster.signaling.access;

/**
 * Decides whether a client may join {@code roomId} of {@code namespace} as {@code peerId}. Asked by
 * the WebSocket handshake (a refusal becomes the HTTP answer to the upgrade request) and by {@code
 * /api/dispatch}, before any room is looked up, so a refused client learns nothing about rooms.
 * Thread-safe and fast: it runs on event loops.
 */
@FunctionalInterface
public interface AccessGuard {

    /** Lets everybody in: a standalone node on loopback (the quick start). */
    AccessGuard OPEN = (namespace, roomId, peerId, token) -> AccessDecision.allow();

    /**
     * @param namespace the requested namespace, already defaulted ({@code default} when absent)
     * @param token the {@code token} query value, or null
     */
    AccessDecision checkJoin(String namespace, String roomId, String peerId, String token);
}
