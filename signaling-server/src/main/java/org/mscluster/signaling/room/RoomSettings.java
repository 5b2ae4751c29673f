package org.mscluster.signaling.room;

/**
 * Per-room media settings, mediasoup-demo's values by default.
 *
 * @param iceConsentTimeoutSeconds a transport whose client stopped answering ICE consent checks this
 *     long is disconnected, and its peer closed: that is how a vanished browser leaves the room
 * @param audioLevelIntervalMs how often {@code activeSpeaker} is pushed while someone speaks
 * @param audioLevelThresholdDbov volumes under this count as silence
 * @param peerLimits what one peer may hold
 * @param newRoomsPerAddressPerMinute rooms one client address may open on this node a minute (joining an
 *     open room does not count; a tab reloading into a fresh room a few times is far below it)
 */
public record RoomSettings(
        long initialAvailableOutgoingBitrate,
        long maxIncomingBitrate,
        int maxSctpMessageSize,
        int iceConsentTimeoutSeconds,
        int audioLevelIntervalMs,
        int audioLevelThresholdDbov,
        PeerLimits peerLimits,
        int newRoomsPerAddressPerMinute) {

    public static final int DEFAULT_NEW_ROOMS_PER_ADDRESS_PER_MINUTE = 30;

    public RoomSettings {
        peerLimits = peerLimits == null ? PeerLimits.defaults() : peerLimits;
        if (newRoomsPerAddressPerMinute < 1) {
            throw new IllegalArgumentException("new rooms per address per minute must be at least 1");
        }
    }

    public static RoomSettings defaults() {
        return new RoomSettings(1_000_000, 1_500_000, 262_144, 20, 800, -80, PeerLimits.defaults(),
                DEFAULT_NEW_ROOMS_PER_ADDRESS_PER_MINUTE);
    }

    /** The same with other peer limits. */
    public RoomSettings withPeerLimits(PeerLimits limits) {
        return new RoomSettings(initialAvailableOutgoingBitrate, maxIncomingBitrate, maxSctpMessageSize, iceConsentTimeoutSeconds,
                audioLevelIntervalMs, audioLevelThresholdDbov, limits, newRoomsPerAddressPerMinute);
    }

    /** The same with another number of new rooms one address may open a minute. */
    public RoomSettings withNewRoomsPerAddressPerMinute(int value) {
        return new RoomSettings(initialAvailableOutgoingBitrate, maxIncomingBitrate, maxSctpMessageSize, iceConsentTimeoutSeconds,
                audioLevelIntervalMs, audioLevelThresholdDbov, peerLimits, value);
    }
}
