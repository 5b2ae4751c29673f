package org.mscluster.client.media;

import dev.onvoid.webrtc.PeerConnectionFactory;
import dev.onvoid.webrtc.media.audio.HeadlessAudioDeviceModule;
import java.util.function.Supplier;

/**
 * The WebRTC engine of one client: a peer connection factory on a headless audio module (no sound card is
 * opened; its playout clock still pulls received audio, so audio sinks are called).
 */
public final class MediaEngine implements AutoCloseable {
    private final HeadlessAudioDeviceModule audioModule;
    private final PeerConnectionFactory factory;

    public MediaEngine() {
        audioModule = new HeadlessAudioDeviceModule();
        factory = new PeerConnectionFactory(audioModule);
        // Without a running playout, WebRTC drives audio from its own poller thread, which races with
        // pushed (custom) audio and aborts the process; the headless playout thread avoids that.
        audioModule.initPlayout();
        audioModule.startPlayout();
    }

    /**
     * Runs a negotiation of a sending peer connection with pushed audio held back, then stops the audio
     * module's capture thread. webrtc-java 0.14's headless module starts that thread whenever WebRTC starts
     * an audio send stream, and it delivers (silence or the received mix) to every send stream: concurrently
     * with pushed audio, WebRTC's race check aborts the process; afterwards, it would send the room's audio
     * back to the room.
     */
    public <T> T holdingAudio(AudioFrameSource audio, Supplier<T> negotiation) {
        if (audio == null) {
            T result = negotiation.get();
            audioModule.stopRecording();
            return result;
        }
        synchronized (audio.delivery) {
            try {
                return negotiation.get();
            } finally {
                audioModule.stopRecording();
                settle();
            }
        }
    }

    // The capture thread notices the stop on its next 10 ms tick; let it go before audio is pushed again.
    private static void settle() {
        try {
            Thread.sleep(30);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public PeerConnectionFactory factory() {
        return factory;
    }

    @Override
    public void close() {
        try {
            audioModule.stopPlayout();
        } catch (RuntimeException ignored) {
            // already stopped
        }
        factory.dispose();
        audioModule.dispose();
    }
}
