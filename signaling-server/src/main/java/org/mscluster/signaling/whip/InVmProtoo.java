package org.mscluster.signaling.whip;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.mscluster.signaling.protoo.ConnectionRequest;
import org.mscluster.signaling.protoo.PeerAcceptor;
import org.mscluster.signaling.protoo.ProtooFrameHandler;

/**
 * Protoo peers without a WebSocket: an in-VM Netty channel pair whose server end has the same
 * {@link ProtooFrameHandler} as a WebSocket peer, so a WHIP or WHEP session joins its room through
 * exactly the path (placement, limits, fan-out, dashboard, webhooks, cascade) a browser takes. The
 * frames cross the pair as objects, never encoded.
 *
 * <p>The two ends run on two event loops, as a socket's would. On one shared loop a local channel
 * hands a write to its peer's handlers inline: a session sending its next request from the handling
 * of an answer, and the room answering that request at once, nested the answer's write inside the
 * server end's flush of the previous one, and Netty skips a re-entered flush, so the answer waited
 * for a next write that never came (the stall of issue 16). Across two loops every delivery is a
 * task of the receiving loop and nothing nests.
 */
public final class InVmProtoo implements AutoCloseable {

    private final EventLoopGroup serverGroup;
    private final EventLoopGroup clientGroup;
    private final Channel server;
    private final LocalAddress address;

    /** @param requestTimeout how long the room waits for a session's answer to {@code newConsumer} */
    public InVmProtoo(String name, PeerAcceptor acceptor, Duration requestTimeout) {
        serverGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("whip-room-" + name, true),
                LocalIoHandler.newFactory());
        clientGroup = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("whip-session-" + name, true),
                LocalIoHandler.newFactory());
        address = new LocalAddress("mscluster-whip-" + name + "-" + System.identityHashCode(this));
        server = new ServerBootstrap()
                .group(serverGroup)
                .channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel channel) {
                        channel.pipeline().addLast("handshake", new Handshake());
                        // No idle pings: the session ends with its HTTP resource or its transport, not with silence.
                        channel.pipeline().addLast("protoo", new ProtooFrameHandler(acceptor, requestTimeout,
                                Duration.ofDays(1), Duration.ofDays(365)));
                    }
                })
                .bind(address)
                .syncUninterruptibly()
                .channel();
    }

    /** A new peer asking for {@code request}'s room; completes once the channel is open. */
    public CompletableFuture<InVmProtooClient> connect(ConnectionRequest request) {
        InVmProtooClient client = new InVmProtooClient();
        CompletableFuture<InVmProtooClient> connected = new CompletableFuture<>();
        new Bootstrap()
                .group(clientGroup)
                .channel(LocalChannel.class)
                .handler(client)
                .connect(address)
                .addListener(future -> {
                    if (future.isSuccess()) {
                        ((io.netty.channel.ChannelFuture) future).channel().writeAndFlush(request);
                        connected.complete(client);
                    } else {
                        connected.completeExceptionally(future.cause());
                    }
                });
        return connected;
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        clientGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
        serverGroup.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** The first object over the pair is the connection request: what a WebSocket handshake would have set. */
    private static final class Handshake extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof ConnectionRequest request) {
                ctx.channel().attr(ProtooFrameHandler.CONNECTION_REQUEST).set(request);
                ctx.pipeline().remove(this);
                ctx.pipeline().fireUserEventTriggered(
                        new WebSocketServerProtocolHandler.HandshakeComplete("/", new DefaultHttpHeaders(), "protoo"));
            } else {
                ctx.close();
            }
        }
    }
}
