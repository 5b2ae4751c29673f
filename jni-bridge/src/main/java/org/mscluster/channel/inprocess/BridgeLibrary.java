package org.mscluster.channel.inprocess;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * JNA direct mapping of {@code native/bridge/mscluster_bridge.h}. Direct mapping, not interface
 * mapping: it costs a plain JNI call per message instead of reflection, and direct buffers pass
 * their address without a copy.
 */
final class BridgeLibrary {

    private static volatile boolean registered;

    private BridgeLibrary() {
    }

    static synchronized void load(Path library) {
        if (!registered) {
            Native.register(BridgeLibrary.class, NativeLibrary.getInstance(library.toString()));
            registered = true;
        }
    }

    static native Pointer msb_worker_new();

    static native int msb_worker_run(Pointer worker, int argc, Pointer argv, String version);

    static native int msb_worker_send(Pointer worker, ByteBuffer message, int length);

    static native int msb_worker_send_batch(Pointer worker, ByteBuffer records, int length);

    static native int msb_worker_send_last(Pointer worker, ByteBuffer message, int length);

    static native long msb_worker_receive(Pointer worker, ByteBuffer buffer, long capacity, int timeoutMs);

    static native void msb_worker_interrupt(Pointer worker);

    static native void msb_worker_free(Pointer worker);
}
