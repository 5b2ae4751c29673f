package org.mscluster.client.media;

import dev.onvoid.webrtc.media.audio.CustomAudioSource;

/**
 * Audio the application supplies: 16-bit PCM in 10 ms frames. Deliveries are serialised, because WebRTC
 * aborts the process when two threads deliver audio to one send stream at once.
 */
public final class AudioFrameSource implements AutoCloseable {
    static {
        NativeLibrary.load();
    }

    private final CustomAudioSource source = new CustomAudioSource();
    private final Object delivery = new Object();

    /** The webrtc-java source, for {@code PeerConnectionFactory.createAudioTrack}. */
    public CustomAudioSource nativeSource() {
        return source;
    }

    /** Sends {@code frames} samples per channel of interleaved little-endian 16-bit PCM. */
    public void push(byte[] pcm, int sampleRate, int channels, int frames) {
        synchronized (delivery) {
            source.pushAudio(pcm, 16, sampleRate, channels, frames);
        }
    }

    @Override
    public void close() {
        source.dispose();
    }
}
