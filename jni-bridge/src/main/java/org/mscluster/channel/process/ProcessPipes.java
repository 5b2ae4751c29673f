package org.mscluster.channel.process;

import java.io.FileInputStream;
import java.io.FilterInputStream;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file under a child process's output stream. The JDK wraps the pipe in a buffered stream that
 * asks the kernel how much is available ({@code fstat} and {@code ioctl}) after every read that did
 * not fill its array: three system calls where one does, a third of the delivery thread's CPU in the
 * process-mode channel benchmark. Reaching the file needs {@code java.io} opened to this code
 * ({@code --add-opens java.base/java.io=ALL-UNNAMED}, which the CLI's jar declares); without it the
 * stream is read as it is, correctly and more slowly.
 */
final class ProcessPipes {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessPipes.class);
    private static final VarHandle FILTERED = filteredStream();

    private ProcessPipes() {
    }

    /** Whether {@link #readable} reaches the pipe itself in this JVM. */
    static boolean direct() {
        return FILTERED != null;
    }

    /**
     * A channel over the pipe under {@code processOutput} (from {@link Process#getInputStream()},
     * not read yet), or over the stream itself when the pipe cannot be reached or {@code direct} is false.
     */
    static ReadableByteChannel readable(InputStream processOutput, boolean direct) {
        if (direct && FILTERED != null && processOutput instanceof FilterInputStream
                && FILTERED.get(processOutput) instanceof FileInputStream file) {
            return file.getChannel();
        }
        return Channels.newChannel(processOutput);
    }

    private static VarHandle filteredStream() {
        try {
            return MethodHandles.privateLookupIn(FilterInputStream.class, MethodHandles.lookup())
                    .findVarHandle(FilterInputStream.class, "in", InputStream.class);
        } catch (IllegalAccessException | NoSuchFieldException | RuntimeException e) {
            LOG.info("worker pipes are read through java.io streams (three system calls a read instead of one): "
                    + "start the JVM with --add-opens java.base/java.io=ALL-UNNAMED to read them directly");
            return null;
        }
    }
}
