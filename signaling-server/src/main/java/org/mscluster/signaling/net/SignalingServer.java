package org.mscluster.signaling.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/** Binds the one HTTP + WebSocket port and owns its event loops. */
public final class SignalingServer implements AutoCloseable {

    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final Channel serverChannel;
    private final boolean secure;

    /**
     * Binds {@code listenIp:port} (port 0: any free port) and serves until {@link #close()}.
     *
     * @param ssl null for plain HTTP/WS
     */
    public SignalingServer(String listenIp, int port, SslContext ssl, SignalingChannelInitializer.Handlers handlers,
            WebSocketLimits limits) throws InterruptedException {
        this.secure = ssl != null;
        this.boss = new MultiThreadIoEventLoopGroup(1, new DefaultThreadFactory("signaling-accept", true), NioIoHandler.newFactory());
        this.workers = new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("signaling-io", true), NioIoHandler.newFactory());
        try {
            this.serverChannel = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new SignalingChannelInitializer(ssl, limits, handlers))
                    .bind(listenIp, port).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            shutdownLoops();
            throw e;
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    public boolean secure() {
        return secure;
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        shutdownLoops();
    }

    private void shutdownLoops() {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
