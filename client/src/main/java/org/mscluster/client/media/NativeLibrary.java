package org.mscluster.client.media;

/** Loads webrtc-java's native library, which only its factory's class loads; sources need it before any factory exists. */
final class NativeLibrary {
    private NativeLibrary() {
    }

    static void load() {
        try {
            Class.forName("dev.onvoid.webrtc.PeerConnectionFactory", true, NativeLibrary.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("webrtc-java is not on the class path", e);
        }
    }
}
