package org.mscluster.client.media;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.AudioDeviceModule;
import dev.onvoid.webrtc.media.audio.AudioLayer;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;

/**
 * The WebRTC engine of one client, without a sound card: two peer connection factories.
 *
 * <ul>
 *   <li>{@link #sendFactory()}, on WebRTC's dummy audio module: sent audio comes only from pushed sources.
 *       webrtc-java 0.14's headless module starts a capture thread whenever WebRTC starts an audio send
 *       stream, which delivers the received mix to every send stream: concurrently with pushed audio,
 *       WebRTC's race check aborts the process, and it would send the room's audio back to the room.</li>
 *   <li>{@link #receiveFactory()}, on the headless module with its playout running: its 10 ms clock pulls
 *       received audio through the mixer, so remote audio tracks' sinks are called (with the dummy module
 *       nothing pulls it). It never sends, so its capture thread never starts.</li>
 * </ul>
 */
public final class MediaEngine implements AutoCloseable {
    private final AudioDeviceModule sendAudio;
    private final PeerConnectionFactory sendFactory;
    private final HeadlessAudioDeviceModule receiveAudio;
    private final PeerConnectionFactory receiveFactory;

    public MediaEngine() {
        sendAudio = new AudioDeviceModule(AudioLayer.kDummyAudio);
        sendFactory = new PeerConnectionFactory(sendAudio);
        receiveAudio = new HeadlessAudioDeviceModule();
        receiveFactory = new PeerConnectionFactory(receiveAudio);
        receiveAudio.initPlayout();
        receiveAudio.startPlayout();
    }

    /** For sending peer connections and the tracks they send. */
    public PeerConnectionFactory sendFactory() {
        return sendFactory;
    }

    /** For receiving peer connections. */
    public PeerConnectionFactory receiveFactory() {
        return receiveFactory;
    }

    @Override
    public void close() {
        try {
            receiveAudio.stopPlayout();
        } catch (RuntimeException ignored) {
            // already stopped
        }
        receiveFactory.dispose();
        receiveAudio.dispose();
        sendFactory.dispose();
        sendAudio.dispose();
    }
}
