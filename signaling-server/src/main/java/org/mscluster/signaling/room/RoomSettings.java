package org.mscluster.signaling.room;

/**
 * Per-room media settings, mediasoup-demo's values by default.
 *
 * @param iceConsentTimeoutSeconds a transport whose client stopped answering ICE consent checks this
 *     long is disconnected, and its peer closed: that is how a vanished browser leaves the room
 * @param audioLevelIntervalMs how often {@code activeSpeaker} is pushed while someone speaks
 * @param audioLevelThresholdDbov volumes under this count as silence
 * @param peerLimits what one peer may hold
 */
public record RoomSettings(
        long initialAvailableOutgoingBitrate,
        long maxIncomingBitrate,
        int maxSctpMessageSize,
        int iceConsentTimeoutSeconds,
        int audioLevelIntervalMs,
        int audioLevelThresholdDbov,
        PeerLimits peerLimits) {

    public RoomSettings {
        peerLimits = peerLimits == null ? PeerLimits.defaults() : peerLimits;
    }

    public static RoomSettings defaults() {
        return new RoomSettings(1_000_000, 1_500_000, 262_144, 20, 800, -80, PeerLimits.defaults());
    }

    /** The same with other peer limits. */
    public RoomSettings withPeerLimits(PeerLimits limits) {
        return new RoomSettings(initialAvailableOutgoingBitrate, maxIncomingBitrate, maxSctpMessageSize, iceConsentTimeoutSeconds,
                audioLevelIntervalMs, audioLevelThresholdDbov, limits);
    }
}
