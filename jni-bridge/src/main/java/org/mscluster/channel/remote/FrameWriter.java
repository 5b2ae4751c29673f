package org.mscluster.channel.remote;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Writes frames from any thread and flushes once per burst: each write is a task on the link's event
 * loop, and the task that finds no other write queued behind it flushes. At 64 requests in flight
 * that is one system call for many frames instead of one each.
 */
final class FrameWriter {

    private final Channel channel;
    private final AtomicInteger queued = new AtomicInteger();

    FrameWriter(Channel channel) {
        this.channel = channel;
    }

    /** Queues {@code frame} (released if the link is gone); false when the link can take nothing more. */
    boolean write(ByteBuf frame) {
        if (!channel.isActive()) {
            frame.release();
            return false;
        }
        queued.incrementAndGet();
        try {
            channel.eventLoop().execute(() -> {
                channel.write(frame);
                if (queued.decrementAndGet() == 0) {
                    channel.flush();
                }
            });
            return true;
        } catch (RejectedExecutionException e) {
            queued.decrementAndGet();
            frame.release();
            return false;
        }
    }
}
