package org.mscluster.signaling.room;

/**
 * Per-room media settings, mediasoup-demo's values by default.
 *
 * @param iceConsentTimeoutSeconds a transport whose client stopped answering ICE consent checks this
 *     long is disconnected, and its peer closed: that is how a vanished browser leaves the room
 * @param audioLevelIntervalMs how often {@code activeSpeaker} is pushed while someone speaks
 * @param audioLevelThresholdDbov volumes under this count as silence
 * @param audioLevelsIntervalMs how often {@code audioLevels} (every audible producer's volume) is pushed
 *     to the peers that joined with {@code audioLevels: true}; the worker measures no more often than
 *     every 250 ms, so a shorter interval means 250
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
        int audioLevelsIntervalMs,
        PeerLimits peerLimits,
        int newRoomsPerAddressPerMinute) {

    public static final int DEFAULT_NEW_ROOMS_PER_ADDRESS_PER_MINUTE = 30;
    public static final int DEFAULT_AUDIO_LEVELS_INTERVAL_MS = 200;

    public RoomSettings {
        peerLimits = peerLimits == null ? PeerLimits.defaults() : peerLimits;
        if (newRoomsPerAddressPerMinute < 1) {
            throw new IllegalArgumentException("new rooms per address per minute must be at least 1");
        }
        // The worker's AudioLevelObserver measures every 250-5000 ms: it raises a shorter interval to 250.
        if (audioLevelsIntervalMs < 1 || audioLevelsIntervalMs > 5_000) {
            throw new IllegalArgumentException("the audio levels interval must be within 1-5000 ms");
        }
    }

    public static RoomSettings defaults() {
        return new RoomSettings(1_000_000, 1_500_000, 262_144, 20, 800, -80, DEFAULT_AUDIO_LEVELS_INTERVAL_MS, PeerLimits.defaults(),
                DEFAULT_NEW_ROOMS_PER_ADDRESS_PER_MINUTE);
    }

    /** The same with other peer limits. */
    public RoomSettings withPeerLimits(PeerLimits limits) {
        return new RoomSettings(initialAvailableOutgoingBitrate, maxIncomingBitrate, maxSctpMessageSize, iceConsentTimeoutSeconds,
                audioLevelIntervalMs, audioLevelThresholdDbov, audioLevelsIntervalMs, limits, newRoomsPerAddressPerMinute);
    }

    /** The same with another number of new rooms one address may open a minute. */
    public RoomSettings withNewRoomsPerAddressPerMinute(int value) {
        return new RoomSettings(initialAvailableOutgoingBitrate, maxIncomingBitrate, maxSctpMessageSize, iceConsentTimeoutSeconds,
                audioLevelIntervalMs, audioLevelThresholdDbov, audioLevelsIntervalMs, peerLimits, value);
    }

    /** The same with another interval for {@code audioLevels}. */
    public RoomSettings withAudioLevelsIntervalMs(int value) {
        return new RoomSettings(initialAvailableOutgoingBitrate, maxIncomingBitrate, maxSctpMessageSize, iceConsentTimeoutSeconds,
                audioLevelIntervalMs, audioLevelThresholdDbov, value, peerLimits, newRoomsPerAddressPerMinute);
    }
}
