package org.mscluster.signaling.protoo;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.util.AttributeKey;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of a WebSocket channel: turns text frames into protoo messages for the channel's
 * {@link ProtooPeer}, which it creates when the handshake completes and hands to the {@link
 * PeerAcceptor}. Whatever a client sends, the outcome is an error response or a clean close with a
 * code that says why; nothing a client sends reaches the event loop as an exception.
 */
public final class ProtooFrameHandler extends SimpleChannelInboundHandler<WebSocketFrame> {

    /** Set by the handshake check before the upgrade; read here when the upgrade completes. */
    public static final AttributeKey<ConnectionRequest> CONNECTION_REQUEST = AttributeKey.valueOf("protoo.connectionRequest");

    private static final Logger LOG = LoggerFactory.getLogger(ProtooFrameHandler.class);

    private final PeerAcceptor acceptor;
    private final Duration requestTimeout;
    private final Duration pingInterval;
    private final Duration idleTimeout;
    private final int requestsPerSecond;
    private final int requestBurst;
    private final Refusals refusals;
    private ProtooPeer peer;
    private int silentIntervals;

    /**
     * Expects the pipeline to fire a reader-idle event every {@code pingInterval} of client silence;
     * pings on each, closes once the silence reaches {@code idleTimeout}.
     */
    public ProtooFrameHandler(PeerAcceptor acceptor, Duration requestTimeout, Duration pingInterval, Duration idleTimeout) {
        this(acceptor, requestTimeout, pingInterval, idleTimeout, Integer.MAX_VALUE, Integer.MAX_VALUE, new Refusals());
    }

    /** As above, each peer held to {@code requestsPerSecond} (bursts of {@code requestBurst}), refusals counted in {@code refusals}. */
    public ProtooFrameHandler(PeerAcceptor acceptor, Duration requestTimeout, Duration pingInterval, Duration idleTimeout,
            int requestsPerSecond, int requestBurst, Refusals refusals) {
        this.acceptor = acceptor;
        this.requestTimeout = requestTimeout;
        this.pingInterval = pingInterval;
        this.idleTimeout = idleTimeout;
        this.requestsPerSecond = requestsPerSecond;
        this.requestBurst = requestBurst;
        this.refusals = refusals;
    }

    /** The peer of this channel, once the handshake completed. */
    public ProtooPeer peer() {
        return peer;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
            ConnectionRequest request = ctx.channel().attr(CONNECTION_REQUEST).get();
            if (request == null) {
                // The handshake check always sets it; without it we cannot know the room.
                closeWith(ctx, CloseCodes.INTERNAL_ERROR, "no connection request");
                return;
            }
            RequestRate rate = requestsPerSecond == Integer.MAX_VALUE ? null
                    : new RequestRate(requestsPerSecond, requestBurst, System.nanoTime());
            peer = new ProtooPeer(request.peerId(), ctx.channel(), requestTimeout, rate, refusals);
            acceptor.accept(request, peer);
        } else if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
            if (peer == null) {
                // A plain HTTP keep-alive connection: nothing to ping, just let it go when silent.
                ctx.close();
                return;
            }
            // One event per ping interval of silence; browsers answer pings by themselves, and the pong
            // is the read that ends the silence.
            silentIntervals = idle.isFirst() ? 1 : silentIntervals + 1;
            if (silentIntervals * pingInterval.toMillis() >= idleTimeout.toMillis()) {
                LOG.info("peer {}: no traffic for {} s, closing", peer.id(), idleTimeout.toSeconds());
                closeWith(ctx, CloseCodes.GOING_AWAY, "idle timeout");
            } else {
                ctx.writeAndFlush(new PingWebSocketFrame());
            }
        } else {
            super.userEventTriggered(ctx, event);
        }
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof TextWebSocketFrame text) {
            onText(ctx, text.text());
        } else if (frame instanceof BinaryWebSocketFrame) {
            closeWith(ctx, CloseCodes.UNSUPPORTED_DATA, "protoo accepts text frames only");
        }
        // Ping, pong and close frames are answered by the protocol handler before they get here.
    }

    private void onText(ChannelHandlerContext ctx, String text) {
        if (peer == null) {
            return;
        }
        ProtooMessage message;
        try {
            message = ProtooCodec.decode(text);
        } catch (MalformedMessageException e) {
            if (e.tooDeep()) {
                refusals.count(Refusals.Reason.JSON_DEPTH);
            }
            if (e.requestId().isPresent()) {
                peer.rejectMalformed(e.requestId().getAsLong(), e.getMessage());
            } else {
                LOG.debug("peer {}: malformed message ({}), closing", peer.id(), e.getMessage());
                closeWith(ctx, e.getMessage().equals("not JSON") ? CloseCodes.INVALID_PAYLOAD : CloseCodes.POLICY_VIOLATION,
                        "malformed protoo message: " + e.getMessage());
            }
            return;
        }
        peer.receive(message);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof CorruptedWebSocketFrameException) {
            // The frame decoder has already sent the close frame with its status (1009 for a frame over the limit).
            ctx.close();
        } else if (cause instanceof TooLongFrameException) {
            closeWith(ctx, CloseCodes.MESSAGE_TOO_BIG, "message too big");
        } else {
            LOG.info("{}: closing after {}", peer == null ? ctx.channel() : "peer " + peer.id(), cause.toString());
            closeWith(ctx, CloseCodes.INTERNAL_ERROR, "internal error");
        }
    }

    private static void closeWith(ChannelHandlerContext ctx, int code, String reason) {
        if (ctx.channel().isActive()) {
            ctx.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        } else {
            ctx.close();
        }
    }
}
