package org.mscluster.client.media;

import dev.onvoid.webrtc.media.video.CustomVideoSource;
import dev.onvoid.webrtc.media.video.NativeI420Buffer;
import dev.onvoid.webrtc.media.video.VideoFrame;
import java.nio.ByteBuffer;

/** Video frames the application supplies (I420), sent by the producer made from this source. */
public final class VideoFrameSource implements AutoCloseable {
    static {
        NativeLibrary.load();
    }

    private final CustomVideoSource source = new CustomVideoSource();

    /** The webrtc-java source, for {@code PeerConnectionFactory.createVideoTrack}. */
    public CustomVideoSource nativeSource() {
        return source;
    }

    /** Sends one frame; the planes are read at once (tightly packed: strides width, width/2, width/2). */
    public void pushI420(int width, int height, byte[] y, byte[] u, byte[] v, long timestampNs) {
        NativeI420Buffer buffer = NativeI420Buffer.allocate(width, height);
        copy(y, buffer.getDataY(), width, height, buffer.getStrideY());
        copy(u, buffer.getDataU(), (width + 1) / 2, (height + 1) / 2, buffer.getStrideU());
        copy(v, buffer.getDataV(), (width + 1) / 2, (height + 1) / 2, buffer.getStrideV());
        VideoFrame frame = new VideoFrame(buffer, timestampNs);
        source.pushFrame(frame);
        frame.release();
    }

    /** Sends a frame the application built itself (for example with {@code NativeI420Buffer.allocate}). */
    public void push(VideoFrame frame) {
        source.pushFrame(frame);
    }

    private static void copy(byte[] plane, ByteBuffer target, int width, int height, int stride) {
        for (int row = 0; row < height; row++)
            target.put(row * stride, plane, row * width, width);
    }

    @Override
    public void close() {
        source.dispose();
    }
}
