package org.mscluster.channel.remote;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.mscluster.channel.Channel;

/** The link's frame layout: a 4-byte little-endian header (size, top bit set for control frames), then the payload. */
final class LinkFrames {

    static final int CONTROL_FLAG = 0x8000_0000;
    /** The worker drops larger messages, so no honest peer sends more. */
    static final int MAX_CHANNEL_FRAME = Channel.MAX_MESSAGE_SIZE;
    static final int MAX_CONTROL_FRAME = 64 * 1024;

    private LinkFrames() {
    }

    /** One channel message (position to limit) as a frame; the buffer is copied, not kept. */
    static ByteBuf channelFrame(ByteBufAllocator alloc, ByteBuffer message) {
        int size = message.remaining();
        ByteBuf frame = alloc.buffer(4 + size);
        frame.writeIntLE(size);
        frame.writeBytes(message.duplicate());
        return frame;
    }

    static ByteBuf controlFrame(ByteBufAllocator alloc, LinkControl control) {
        byte[] json = control.toJson().getBytes(StandardCharsets.UTF_8);
        ByteBuf frame = alloc.buffer(4 + json.length);
        frame.writeIntLE(CONTROL_FLAG | json.length);
        frame.writeBytes(json);
        return frame;
    }
}
