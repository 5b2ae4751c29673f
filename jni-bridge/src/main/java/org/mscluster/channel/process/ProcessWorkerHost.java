package org.mscluster.channel.process;

import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.mscluster.channel.MessageSink;
import org.mscluster.channel.NativeBinaries;
import org.mscluster.channel.WorkerExit;
import org.mscluster.channel.WorkerHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker as a child process. {@link ProcessBuilder} can only give a child fds 0-2, so a shell hop
 * moves them: the JVM's pipe to the child's stdin becomes fd 3, the pipe from its stdout fd 4, and
 * the worker's own stdout joins stderr, which is drained to the log. {@code setsid} puts the worker
 * in its own session so a Ctrl-C in the terminal reaches the JVM, which closes workers cleanly,
 * and not the workers directly. Both hops use {@code exec}, so the process id is the worker's.
 * The worker's messages are read straight from the pipe where the JVM allows it ({@link ProcessPipes}).
 */
public final class ProcessWorkerHost implements WorkerHost {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessWorkerHost.class);
    private static final String HOP = "exec setsid \"$0\" \"$@\" 3<&0 4>&1 1>&2 </dev/null";
    private static final int STDERR_TAIL_LINES = 20;
    /** At most this many requests wait for one pipe write: enough to save system calls, few enough to keep the worker busy. */
    private static final int DEFERRED_FLUSH_LIMIT = Integer.getInteger("mscluster.process.flushBatch", 16);

    private final Process process;
    /** Whether the worker's pipe is read around the JDK's stream ({@link ProcessPipes}). */
    private final boolean directPipe;
    private final MessageSink sink;
    private final OutputStream toWorker;
    private final Thread deliveryThread;
    private final Thread stderrThread;
    private final CompletableFuture<WorkerExit> exit = new CompletableFuture<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private boolean inputClosed;
    /** The size prefix being written; guarded by this host's lock, as every write is. */
    private final byte[] prefix = new byte[4];
    /** Requests the delivery thread wrote and did not flush yet: it flushes before it next waits for the worker. */
    private int unflushed;

    private ProcessWorkerHost(Process process, MessageSink sink, boolean directPipe) {
        this.process = process;
        this.directPipe = directPipe;
        this.sink = sink;
        this.toWorker = new BufferedOutputStream(process.getOutputStream(), 64 * 1024);
        String name = "mediasoup-worker-" + process.pid();
        this.deliveryThread = new Thread(this::deliver, name + "-channel");
        this.stderrThread = new Thread(this::drainStderr, name + "-stderr");
        deliveryThread.setDaemon(true);
        stderrThread.setDaemon(true);
    }

    public static ProcessWorkerHost start(NativeBinaries binaries, List<String> args, String version, MessageSink sink) {
        return start(binaries, args, version, sink, ProcessPipes.direct());
    }

    /** As {@link #start(NativeBinaries, List, String, MessageSink)}, choosing how the pipe is read (tests take both ways). */
    static ProcessWorkerHost start(NativeBinaries binaries, List<String> args, String version, MessageSink sink, boolean directPipe) {
        List<String> command = new ArrayList<>(args.size() + 4);
        command.add("/bin/sh");
        command.add("-c");
        command.add(HOP);
        command.add(binaries.workerExecutable().toString());
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().put("MEDIASOUP_VERSION", version);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binaries.workerExecutable(), e);
        }
        ProcessWorkerHost host = new ProcessWorkerHost(process, sink, directPipe);
        host.deliveryThread.start();
        host.stderrThread.start();
        return host;
    }

    private void deliver() {
        InputStream fromWorker = process.getInputStream();
        FrameReader reader = new FrameReader(ProcessPipes.readable(fromWorker, directPipe), 64 * 1024);
        // When the worker exits, the JDK's reaper drains what is left in the pipe and closes it, under the
        // stream's monitor: holding it while reading around the stream keeps the worker's last messages ours.
        synchronized (fromWorker) {
            readMessages(reader);
        }
        // The pipe closes when the worker dies: report now, not when the reaper thread gets to it.
        int status;
        try {
            status = process.waitFor();
            stderrThread.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = -1;
        }
        exit.complete(toExit(status));
    }

    private void readMessages(FrameReader reader) {
        try {
            while (true) {
                if (!reader.holdsMessage()) {
                    // The next read may wait for the worker, which waits for what is still in our buffer.
                    flush();
                }
                byte[] body = reader.next();
                if (body == null) {
                    return;
                }
                try {
                    sink.onMessage(ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN));
                } catch (Throwable e) {
                    LOG.error("{}: message sink failed", deliveryThread.getName(), e);
                }
            }
        } catch (FrameReader.CorruptFrameException e) {
            // Out of step, nothing more it says can be read: end it, so its channel fails now and not at timeouts.
            LOG.error("{}: {}; killing the worker", deliveryThread.getName(), e.getMessage());
            process.destroyForcibly();
        } catch (IOException e) {
            LOG.debug("{}: channel read ended: {}", deliveryThread.getName(), e.toString());
        }
    }

    /** The JVM reports a child killed by signal N as exit status 128 + N. */
    private static WorkerExit toExit(int status) {
        if (status > 128 && status < 128 + 65) {
            return new WorkerExit(status, signalName(status - 128));
        }
        return WorkerExit.ofCode(status);
    }

    private static String signalName(int signal) {
        return switch (signal) {
            case 6 -> "SIGABRT";
            case 9 -> "SIGKILL";
            case 11 -> "SIGSEGV";
            case 15 -> "SIGTERM";
            case 2 -> "SIGINT";
            case 1 -> "SIGHUP";
            default -> "signal " + signal;
        };
    }

    private void drainStderr() {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                LOG.warn("[worker {}] {}", process.pid(), line);
                synchronized (stderrTail) {
                    if (stderrTail.size() == STDERR_TAIL_LINES) {
                        stderrTail.removeFirst();
                    }
                    stderrTail.addLast(line);
                }
            }
        } catch (IOException e) {
            LOG.debug("stderr of worker {} ended: {}", process.pid(), e.toString());
        }
    }

    /** The last lines the worker wrote to stderr (its settings and crash messages go there). */
    public List<String> stderrTail() {
        synchronized (stderrTail) {
            return List.copyOf(stderrTail);
        }
    }


    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public boolean send(ByteBuffer message) {
        return write(message, false);
    }

    /**
     * Queues {@code message} without writing it to the pipe yet: for a caller that receives a burst
     * of requests (a media host reading its link) and calls {@link #flush()} at the end of it.
     */
    public synchronized boolean sendWithoutFlush(ByteBuffer message) {
        if (inputClosed) {
            return false;
        }
        try {
            writeFrame(message);
            unflushed++;
            return true;
        } catch (IOException e) {
            inputClosed = true;
            return false;
        }
    }

    @Override
    public boolean sendLast(ByteBuffer message) {
        return write(message, true);
    }

    private synchronized boolean write(ByteBuffer message, boolean last) {
        if (inputClosed) {
            return false;
        }
        try {
            writeFrame(message);
            // Requests sent from the delivery thread (continuations of responses) wait for the end of the batch
            // of responses it is reading: one pipe write for many requests instead of one each.
            if (!last && Thread.currentThread() == deliveryThread && ++unflushed < DEFERRED_FLUSH_LIMIT) {
                return true;
            }
            toWorker.flush();
            unflushed = 0;
            if (last) {
                inputClosed = true;
            }
            return true;
        } catch (IOException e) {
            inputClosed = true;
            return false;
        }
    }

    private void writeFrame(ByteBuffer message) throws IOException {
        int size = message.remaining();
        prefix[0] = (byte) size;
        prefix[1] = (byte) (size >>> 8);
        prefix[2] = (byte) (size >>> 16);
        prefix[3] = (byte) (size >>> 24);
        toWorker.write(prefix, 0, 4);
        if (message.hasArray()) {
            toWorker.write(message.array(), message.arrayOffset() + message.position(), size);
        } else {
            byte[] copy = new byte[size];
            message.duplicate().get(copy);
            toWorker.write(copy);
        }
    }

    /** Writes to the pipe what was queued without a flush ({@link #sendWithoutFlush}, or by the delivery thread). */
    public synchronized void flush() {
        if (unflushed == 0 || inputClosed) {
            return;
        }
        unflushed = 0;
        try {
            toWorker.flush();
        } catch (IOException e) {
            inputClosed = true;
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
        process.destroyForcibly();
    }
}
