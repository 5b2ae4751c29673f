package org.mscluster.channel.remote;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Splits the byte stream into channel frames (a {@link ByteBuf} holding one unprefixed message) and
 * {@link LinkControl}s. A size over the limit of its kind is refused before any of its bytes are
 * buffered, so a forged 100 MB header costs nothing.
 */
final class LinkFrameDecoder extends ByteToMessageDecoder {

    /** After one protocol error the rest of the stream is noise: dropped, not reported again. */
    private boolean broken;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (broken) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= 4) {
            int header = in.getIntLE(in.readerIndex());
            boolean control = (header & LinkFrames.CONTROL_FLAG) != 0;
            int size = header & ~LinkFrames.CONTROL_FLAG;
            int max = control ? LinkFrames.MAX_CONTROL_FRAME : LinkFrames.MAX_CHANNEL_FRAME;
            if (size == 0 || size > max) {
                broken = true;
                String hint = in.getUnsignedByte(in.readerIndex()) == 0x16 ? " (this looks like a TLS handshake: is the other end plain TCP?)" : "";
                throw new LinkProtocolException((control ? "control" : "channel") + " frame of " + size
                        + " bytes announced (at most " + max + ")" + hint);
            }
            if (in.readableBytes() < 4 + size) {
                return;
            }
            in.skipBytes(4);
            if (control) {
                broken = true; // until parsed: a control frame that is not JSON breaks the link too
                out.add(LinkControl.parse(in.readCharSequence(size, StandardCharsets.UTF_8).toString()));
                broken = false;
            } else {
                out.add(in.readRetainedSlice(size));
            }
        }
    }
}
