package org.mscluster.channel.inprocess;

import com.sun.jna.Pointer;
import com.sun.jna.StringArray;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.mscluster.channel.MessageSink;
import org.mscluster.channel.NativeBinaries;
import org.mscluster.channel.WorkerExit;
import org.mscluster.channel.WorkerHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker on a thread of this JVM. Two threads per worker: the worker thread, blocked in
 * {@code mediasoup_worker_run} for the worker's life (all worker state is thread-local to it), and a
 * delivery thread that takes the worker's output from the bridge in batches and hands each message
 * to the sink. No isolation: a crash in the worker is the JVM's crash (use a child process,
 * where that matters).
 */
public final class InProcessWorkerHost implements WorkerHost {

    private static final Logger LOG = LoggerFactory.getLogger(InProcessWorkerHost.class);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final int INITIAL_RECEIVE_BUFFER = 1 << 20;
    private static final ThreadLocal<ByteBuffer> SEND_BUFFERS =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(64 * 1024));

    private final Pointer worker;
    private final MessageSink sink;
    private final CompletableFuture<WorkerExit> exit = new CompletableFuture<>();
    private final CompletableFuture<Integer> runResult = new CompletableFuture<>();
    private final Thread workerThread;
    private final Thread deliveryThread;
    // Written under sendOrder, which every call into the native worker also holds: none can touch freed memory.
    private volatile boolean freed;
    /**
     * Requests sent by listeners while the delivery thread dispatches a batch (a response that
     * triggers the next request, as a room's logic does) are gathered here and handed over in one
     * call after the batch: one lock and one wake-up of the worker instead of one per request.
     * Guarded by {@link #sendOrder}: a send from any other thread first hands over what was
     * gathered, since that thread may have been woken by this very batch and its request must not
     * overtake one sent before it.
     */
    private ByteBuffer coalesced = ByteBuffer.allocateDirect(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    private final Object sendOrder = new Object();
    private boolean dispatching; // delivery thread only

    private InProcessWorkerHost(List<String> args, String version, MessageSink sink, String name) {
        this.worker = BridgeLibrary.msb_worker_new();
        if (worker == null) {
            throw new OutOfMemoryError("msb_worker_new failed");
        }
        this.sink = sink;
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add("mediasoup-worker"); // argv[0] is only a placeholder for the worker's option parser
        argv.addAll(args);
        this.workerThread = new Thread(() -> run(argv, version), name);
        this.deliveryThread = new Thread(this::deliver, name + "-channel");
        workerThread.setDaemon(true);
        deliveryThread.setDaemon(true);
    }

    /** Starts a worker with {@code args} ({@code --name=value} settings) delivering to {@code sink}. */
    public static InProcessWorkerHost start(NativeBinaries binaries, List<String> args, String version, MessageSink sink) {
        BridgeLibrary.load(binaries.bridgeLibrary());
        InProcessWorkerHost host = new InProcessWorkerHost(args, version, sink,
                "mediasoup-worker-" + SEQUENCE.incrementAndGet());
        host.deliveryThread.start();
        host.workerThread.start();
        return host;
    }

    private void run(List<String> args, String version) {
        StringArray argv = new StringArray(args.toArray(String[]::new));
        int code;
        try {
            code = BridgeLibrary.msb_worker_run(worker, args.size(), argv, version);
        } catch (Throwable e) {
            LOG.error("{} failed to run", workerThread.getName(), e);
            code = -1;
        } finally {
            // The worker reads argv and version until it returns; keep them alive until then.
            Reference.reachabilityFence(argv);
            Reference.reachabilityFence(version);
        }
        runResult.complete(code);
    }

    private void deliver() {
        ByteBuffer buffer = ByteBuffer.allocateDirect(INITIAL_RECEIVE_BUFFER);
        try {
            while (true) {
                long received = BridgeLibrary.msb_worker_receive(worker, buffer, buffer.capacity(), -1);
                if (received > 0) {
                    dispatching = true;
                    try {
                        dispatch(buffer, (int) received);
                    } finally {
                        dispatching = false;
                        flushCoalesced();
                    }
                } else if (received == -1) {
                    break;
                } else if (received < -1) {
                    buffer = ByteBuffer.allocateDirect((int) -received);
                }
            }
        } catch (Throwable e) {
            LOG.error("{} delivery failed", deliveryThread.getName(), e);
        }
        int code = runResult.join();
        synchronized (sendOrder) {
            freed = true;
            BridgeLibrary.msb_worker_free(worker);
        }
        exit.complete(WorkerExit.ofCode(code));
    }

    private void dispatch(ByteBuffer buffer, int length) {
        // One copy of the whole batch; each message keeps a view of it for as long as it is used.
        byte[] batch = new byte[length];
        buffer.get(0, batch, 0, length);
        ByteBuffer view = ByteBuffer.wrap(batch).order(ByteOrder.LITTLE_ENDIAN);
        int offset = 0;
        while (offset + 4 <= length) {
            int size = view.getInt(offset);
            if (size < 0 || offset + 4 + size > length) {
                LOG.error("{}: corrupt batch from the bridge (size {} at {} of {})", deliveryThread.getName(), size, offset, length);
                return;
            }
            ByteBuffer message = ByteBuffer.wrap(batch, offset + 4, size).order(ByteOrder.LITTLE_ENDIAN);
            try {
                sink.onMessage(message);
            } catch (Throwable e) {
                LOG.error("{}: message sink failed", deliveryThread.getName(), e);
            }
            offset += 4 + size;
        }
    }

    private void flushCoalesced() {
        synchronized (sendOrder) {
            flushCoalescedLocked();
        }
    }

    private void flushCoalescedLocked() {
        int length = coalesced.position();
        if (length == 0) {
            return;
        }
        try {
            if (!freed) {
                // A refusal means the worker is closing: its exit fails the requests still pending.
                BridgeLibrary.msb_worker_send_batch(worker, coalesced.flip(), length);
            }
        } finally {
            coalesced.clear();
        }
    }

    private boolean coalesce(ByteBuffer message) {
        int length = message.remaining();
        synchronized (sendOrder) {
            if (coalesced.remaining() < length + 4) {
                flushCoalescedLocked();
                if (coalesced.capacity() < length + 4) {
                    coalesced = ByteBuffer.allocateDirect(length + 4).order(ByteOrder.LITTLE_ENDIAN);
                }
            }
            coalesced.putInt(length);
            coalesced.put(message.duplicate());
        }
        return !freed;
    }

    @Override
    public java.util.Optional<Thread> workerThread() {
        return java.util.Optional.of(workerThread);
    }

    @Override
    public long pid() {
        return ProcessHandle.current().pid();
    }

    @Override
    public boolean send(ByteBuffer message) {
        return send(message, false);
    }

    @Override
    public boolean sendLast(ByteBuffer message) {
        return send(message, true);
    }

    private boolean send(ByteBuffer message, boolean last) {
        if (dispatching && !last && Thread.currentThread() == deliveryThread) {
            return coalesce(message);
        }
        int length = message.remaining();
        ByteBuffer direct = SEND_BUFFERS.get();
        if (direct.capacity() < length) {
            direct = ByteBuffer.allocateDirect(Math.max(length, direct.capacity() * 2));
            SEND_BUFFERS.set(direct);
        }
        direct.clear();
        direct.put(message.duplicate());
        direct.flip(); // JNA passes a direct buffer's address at its position
        synchronized (sendOrder) {
            flushCoalescedLocked();
            if (freed) {
                return false;
            }
            int result = last
                    ? BridgeLibrary.msb_worker_send_last(worker, direct, length)
                    : BridgeLibrary.msb_worker_send(worker, direct, length);
            return result == 0;
        }
    }

    @Override
    public CompletableFuture<WorkerExit> exit() {
        return exit;
    }

    @Override
    public boolean isDeliveryThread(Thread thread) {
        return thread == deliveryThread;
    }

    @Override
    public void kill() {
        // A thread running native code cannot be stopped from outside; the worker ends on WORKER_CLOSE.
    }
}
