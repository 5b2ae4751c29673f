package org.mscluster.signaling.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameDecoder;
import io.netty.handler.codec.http.websocketx.WebSocket13FrameEncoder;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.mscluster.signaling.http.JsonEndpoint;
import org.mscluster.signaling.http.StaticFiles;
import org.mscluster.signaling.protoo.PeerAcceptor;

/**
 * The node's pipeline on an EmbeddedChannel, driven with raw bytes as a client would send them:
 * HTTP text, then masked WebSocket frames; what the server writes is read back the same way.
 */
final class EmbeddedSignalingChannel implements AutoCloseable {

    final EmbeddedChannel channel = new EmbeddedChannel();
    private final EmbeddedChannel frameEncoder = new EmbeddedChannel(new WebSocket13FrameEncoder(true));
    private final EmbeddedChannel frameDecoder = new EmbeddedChannel(new WebSocket13FrameDecoder(false, true, 4 * 1024 * 1024));

    EmbeddedSignalingChannel(WebSocketLimits limits, Map<String, JsonEndpoint> endpoints, StaticFiles staticFiles,
            PeerAcceptor acceptor) {
        SignalingChannelInitializer.configure(channel.pipeline(), limits,
                new SignalingChannelInitializer.Handlers(endpoints, staticFiles, acceptor));
    }

    /** Sends an HTTP request and returns the whole response text (headers and body). */
    String http(String requestText) {
        channel.writeInbound(Unpooled.copiedBuffer(requestText, StandardCharsets.UTF_8));
        return readOutboundText();
    }

    static String upgradeRequest(String uri, String subprotocol) {
        return "GET " + uri + " HTTP/1.1\r\n"
                + "Host: node.example:4443\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + (subprotocol == null ? "" : "Sec-WebSocket-Protocol: " + subprotocol + "\r\n")
                + "\r\n";
    }

    String readOutboundText() {
        StringBuilder text = new StringBuilder();
        ByteBuf buf;
        while ((buf = channel.readOutbound()) != null) {
            text.append(buf.toString(StandardCharsets.UTF_8));
            buf.release();
        }
        return text.toString();
    }

    /** Sends one frame from the client side (masked, as browsers do). */
    void send(WebSocketFrame frame) {
        frameEncoder.writeOutbound(frame);
        ByteBuf bytes;
        while ((bytes = frameEncoder.readOutbound()) != null) {
            channel.writeInbound(bytes);
        }
    }

    /** Every frame the server wrote since the last call. */
    List<WebSocketFrame> receivedFrames() {
        channel.runPendingTasks();
        ByteBuf bytes;
        while ((bytes = channel.readOutbound()) != null) {
            frameDecoder.writeInbound(bytes);
        }
        List<WebSocketFrame> frames = new ArrayList<>();
        WebSocketFrame frame;
        while ((frame = frameDecoder.readInbound()) != null) {
            frames.add(frame);
        }
        return frames;
    }

    @Override
    public void close() {
        channel.finishAndReleaseAll();
        frameEncoder.finishAndReleaseAll();
        frameDecoder.finishAndReleaseAll();
    }
}
