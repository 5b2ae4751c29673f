package org.mscluster.channel.remote;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves worker channels over TCP: each authenticated connection gets a worker process of its own in
 * a free slot, and the link relays that worker's channel until either side ends. Several signaling
 * nodes may hold links to one host at once. Workers run as child processes, so a crashing worker
 * takes neither the host nor other links with it.
 */
public final class MediaHost implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MediaHost.class);
    /** A client pings twice a second; one silent this long is gone (a partition leaves no FIN). */
    static final int CLIENT_SILENCE_S = 10;

    private final MediaHostSettings settings;
    private final EventLoopGroup boss;
    private final EventLoopGroup io;
    private final AtomicReferenceArray<MediaHostLink> slots;
    private final Channel server;

    private MediaHost(MediaHostSettings settings) throws InterruptedException {
        this.settings = settings;
        this.slots = new AtomicReferenceArray<>(settings.workers());
        SslContext ssl = serverTls(settings);
        this.boss = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        this.io = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
        try {
            this.server = new ServerBootstrap().group(boss, io).channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            if (ssl != null) {
                                channel.pipeline().addLast("tls", ssl.newHandler(channel.alloc()));
                            }
                            channel.pipeline().addLast("idle", new IdleStateHandler(CLIENT_SILENCE_S, 0, 0, TimeUnit.SECONDS));
                            channel.pipeline().addLast("frames", new LinkFrameDecoder());
                            channel.pipeline().addLast("link", new MediaHostLink(MediaHost.this));
                        }
                    })
                    .bind(settings.listenIp(), settings.port()).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            boss.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            io.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw e;
        }
    }

    /** Binds the link port; workers start only when clients connect. */
    public static MediaHost start(MediaHostSettings settings) throws InterruptedException {
        MediaHost host = new MediaHost(settings);
        LOG.info("media host {} serves {} worker(s) on {}:{} ({}), WebRTC on ports {}..{} announced as {}", settings.hostId(),
                settings.workers(), settings.listenIp(), host.port(), settings.tls() ? "TLS" : "plain TCP",
                settings.rtcPortBase(), settings.rtcPortBase() + settings.workers() - 1, settings.announcedAddress());
        return host;
    }

    private static SslContext serverTls(MediaHostSettings settings) {
        if (!settings.tls()) {
            return null;
        }
        try {
            return SslContextBuilder.forServer(settings.tlsCertificate().toFile(), settings.tlsPrivateKey().toFile()).build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot use TLS certificate " + settings.tlsCertificate() + " with key "
                    + settings.tlsPrivateKey() + ": " + e.getMessage(), e);
        }
    }

    public MediaHostSettings settings() {
        return settings;
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** The links that hold a worker now, in slot order. */
    public List<LinkStatus> links() {
        List<LinkStatus> links = new ArrayList<>();
        for (int i = 0; i < slots.length(); i++) {
            MediaHostLink link = slots.get(i);
            if (link != null) {
                LinkStatus status = link.status();
                if (status != null) {
                    links.add(status);
                }
            }
        }
        return links;
    }

    /** Takes a free slot for {@code link}, or -1 when every worker is in use. */
    int claimSlot(MediaHostLink link) {
        for (int i = 0; i < slots.length(); i++) {
            if (slots.compareAndSet(i, null, link)) {
                return i;
            }
        }
        return -1;
    }

    /** Frees a slot once its worker has ended (not when the link drops: the port is the worker's until it exits). */
    void releaseSlot(int slot, MediaHostLink link) {
        slots.compareAndSet(slot, link, null);
    }

    /** Closes every link (their workers are told to close, then killed) and the port. */
    @Override
    public void close() {
        server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        for (int i = 0; i < slots.length(); i++) {
            MediaHostLink link = slots.get(i);
            if (link != null) {
                link.shutDown();
            }
        }
        boss.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        io.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
