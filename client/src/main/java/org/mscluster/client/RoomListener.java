package org.mscluster.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.onvoid.webrtc.media.video.VideoFrame;

/**
 * What happens in the room, for the application. Every method has an empty default. Signaling events come
 * on the client's thread one at a time; {@link #onVideoFrame} and {@link #onAudio} come on WebRTC's media
 * threads and must return quickly (the frame is valid only during the call: {@code retain()} it to keep it).
 */
public interface RoomListener {
    /** Joined (first time or again after a redirect or a lost node); {@code peers} are the others present. */
    default void onJoined(String url, java.util.List<RemotePeer> peers) {
    }

    default void onPeerJoined(RemotePeer peer) {
    }

    default void onPeerClosed(String peerId) {
    }

    /** A remote producer is now consumed; its media arrives in the frame and audio callbacks. */
    default void onConsumer(RemoteConsumer consumer) {
    }

    default void onConsumerClosed(RemoteConsumer consumer) {
    }

    /** A decoded video frame of {@code consumer}. */
    default void onVideoFrame(RemoteConsumer consumer, VideoFrame frame) {
    }

    /** Decoded audio of {@code consumer}: 16-bit PCM. */
    default void onAudio(RemoteConsumer consumer, byte[] pcm, int sampleRate, int channels, int frames) {
    }

    /** A chat message (data channel labelled {@code chat}) from {@code peerId}. */
    default void onChat(String peerId, String text) {
    }

    /** The loudest peer, or null on silence. */
    default void onActiveSpeaker(String peerId, double volume) {
    }

    /** The server sent the client to another node ({@code redirect} notification). */
    default void onRedirect(String url, String nodeId, String reason) {
    }

    /** The node was lost: the client goes back to its entry point ({@code attempt} from 0) after {@code delayMillis}. */
    default void onReentry(int attempt, long delayMillis, String why) {
    }

    /** A notification the client does not handle itself (scores, layers, downlinkBwe…). */
    default void onNotification(String method, JsonNode data) {
    }

    /** Something went wrong that the client survives (a server request it could not answer, a failed setup). */
    default void onWarning(String message) {
    }

    /** The client closed for good: {@link RoomClient#close()}, or an error it cannot recover from. */
    default void onClosed(String reason) {
    }
}
