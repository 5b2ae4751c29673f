package org.mscluster.channel;

import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;

/**
 * A running mediasoup worker seen as a byte pipe: unprefixed FlatBuffers messages in, the worker's
 * messages out to the {@link MessageSink} given at start. Implementations: an in-process worker
 * thread and a child process. Thread-safe for senders.
 */
public interface WorkerHost {

    /** The thread running the worker when it runs in this JVM (its CPU time is the worker's); empty for a child process. */
    default java.util.Optional<Thread> workerThread() {
        return java.util.Optional.empty();
    }

    /** The worker's process id (in-process: the JVM's own, as the worker itself reports it). */
    long pid();

    /**
     * Queues one unprefixed message (position to limit; the buffer is not kept).
     *
     * @return false if the worker accepts no more input (it ended, or {@link #sendLast} was called)
     */
    boolean send(ByteBuffer message);

    /** Sends the last message this worker will get (its close notification); no wake-up follows. */
    boolean sendLast(ByteBuffer message);

    /** Completes once the worker ended and every message it wrote has been delivered. */
    CompletableFuture<WorkerExit> exit();

    /** Whether {@code thread} is the one that calls the sink (blocking there would deadlock). */
    boolean isDeliveryThread(Thread thread);

    /** Ends the worker by force where the host can (a child process); in-process this does nothing. */
    void kill();
}
