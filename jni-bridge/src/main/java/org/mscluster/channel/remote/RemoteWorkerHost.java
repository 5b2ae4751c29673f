package org.mscluster.channel.remote;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.mscluster.channel.MessageSink;
import org.mscluster.channel.WorkerExit;
import org.mscluster.channel.WorkerHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker on a media host, reached over one TCP link. The link has an event loop thread of its own,
 * which delivers the worker's messages in order, as the process mode's reader thread does. A lost
 * link (closed, broken, or silent for {@value #SILENCE_LIMIT_MS} ms while pinged every
 * {@value #PING_INTERVAL_MS} ms) ends the worker as far as this side is concerned: {@link #exit()}
 * completes with the reason and the host, seeing the link go, closes the worker.
 *
 * <p>{@link #start} never throws for an unreachable or refusing host: it returns a host whose exit
 * already says why, so callers treat it as a worker that failed to start.
 */
public final class RemoteWorkerHost implements WorkerHost {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteWorkerHost.class);
    static final long PING_INTERVAL_MS = 500;
    static final long SILENCE_LIMIT_MS = 2_000;
    private static final int CONNECT_TIMEOUT_MS = 3_000;
    private static final long HANDSHAKE_TIMEOUT_MS = 5_000;

    private final RemoteEndpoint endpoint;
    private final MessageSink sink;
    private final EventLoopGroup group;
    private final CompletableFuture<RemoteWorkerInfo> ready = new CompletableFuture<>();
    private final CompletableFuture<WorkerExit> exit = new CompletableFuture<>();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private volatile Channel channel;
    private volatile FrameWriter writer;
    private volatile RemoteWorkerInfo info;
    private volatile boolean inputClosed;
    private volatile WorkerExit reportedExit;
    private volatile String lostBecause;
    private volatile long rttNanos = -1;
    private volatile long workerCpuNanos = -1;
    private volatile long workerResidentBytes = -1;

    private RemoteWorkerHost(RemoteEndpoint endpoint, MessageSink sink) {
        this.endpoint = endpoint;
        this.sink = sink;
        this.group = new MultiThreadIoEventLoopGroup(1, runnable -> {
            Thread thread = new Thread(runnable, "mediasoup-remote-" + endpoint.host() + ":" + endpoint.port());
            thread.setDaemon(true);
            return thread;
        }, NioIoHandler.newFactory());
    }

    /** Connects, authenticates and waits for the host's worker (at most about 8 s). */
    public static RemoteWorkerHost start(RemoteEndpoint endpoint, List<String> args, String version, MessageSink sink) {
        RemoteWorkerHost host = new RemoteWorkerHost(endpoint, sink);
        host.connect(args, version);
        return host;
    }

    private void connect(List<String> args, String version) {
        SslContext ssl;
        try {
            ssl = endpoint.tls() ? clientTls() : null;
        } catch (SSLException | IllegalArgumentException e) {
            end("cannot set up TLS to media host " + endpoint + ": " + e.getMessage());
            return;
        }
        Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (ssl != null) {
                            SslHandler tls = ssl.newHandler(ch.alloc(), endpoint.host(), endpoint.port());
                            SSLEngine engine = tls.engine();
                            SSLParameters parameters = engine.getSSLParameters();
                            parameters.setEndpointIdentificationAlgorithm("HTTPS");
                            engine.setSSLParameters(parameters);
                            ch.pipeline().addLast("tls", tls);
                        }
                        ch.pipeline().addLast("idle", new IdleStateHandler(SILENCE_LIMIT_MS, 0, 0, TimeUnit.MILLISECONDS));
                        ch.pipeline().addLast("frames", new LinkFrameDecoder());
                        ch.pipeline().addLast("link", new Handler(args, version));
                    }
                });
        ChannelFuture connected = bootstrap.connect(endpoint.host(), endpoint.port());
        connected.awaitUninterruptibly(CONNECT_TIMEOUT_MS + 1_000L);
        if (!connected.isSuccess()) {
            Throwable cause = connected.cause();
            connected.channel().close();
            end("cannot reach media host " + endpoint + ": " + (cause == null ? "connect timed out" : Causes.rootMessage(cause)));
            return;
        }
        Channel link = connected.channel();
        link.closeFuture().addListener(closed -> end(lostBecause == null
                ? "link to media host " + endpoint + " closed" : "link to media host " + endpoint + " lost: " + lostBecause));
        try {
            CompletableFuture.anyOf(ready, exit).get(HANDSHAKE_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            lostBecause = "no answer within " + HANDSHAKE_TIMEOUT_MS + " ms" + (endpoint.tls() ? "" : " (is the host TLS? then use tls://)");
            link.close();
        } catch (ExecutionException e) {
            link.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lostBecause = "interrupted while connecting";
            link.close();
        }
    }

    private SslContext clientTls() throws SSLException {
        SslContextBuilder builder = SslContextBuilder.forClient();
        if (endpoint.trustedCertificates() != null) {
            builder.trustManager(endpoint.trustedCertificates().toFile());
        }
        return builder.build();
    }

    /** Completes the exit once, with what the host reported if it did, and lets the event loop go. */
    private void end(String reason) {
        WorkerExit reported = reportedExit;
        if (!ready.isDone()) {
            ready.completeExceptionally(new IllegalStateException(reason));
        }
        if (exit.complete(reported != null ? reported : WorkerExit.unreachable(reason)) && reported == null && info != null) {
            // A worker that never ran is reported by whoever started it; a running one's lost link is news here.
            LOG.warn("remote worker {} slot {} (pid {} there): {}", endpoint, info.slot(), info.pid(), reason);
        }
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }

    /** What the host said about its worker; null until the handshake succeeded. */
    public RemoteWorkerInfo info() {
        return info;
    }

    public RemoteEndpoint endpoint() {
        return endpoint;
    }

    public LinkStats stats() {
        return new LinkStats(rttNanos, workerCpuNanos, workerResidentBytes, bytesSent.get(), bytesReceived.get());
    }

    @Override
    public long pid() {
        RemoteWorkerInfo known = info;
        return known == null ? -1 : known.pid();
    }

    @Override
    public boolean send(ByteBuffer message) {
        return write(message, false);
    }

    @Override
    public boolean sendLast(ByteBuffer message) {
        return write(message, true);
    }

    private synchronized boolean write(ByteBuffer message, boolean last) {
        FrameWriter link = writer;
        if (inputClosed || info == null || link == null) {
            return false;
        }
        if (last) {
            inputClosed = true;
        }
        bytesSent.addAndGet(message.remaining() + 4L);
        return link.write(LinkFrames.channelFrame(channel.alloc(), message));
    }

    @Override
    public CompletableFuture<WorkerExit> exit() {
        return exit;
    }

    @Override
    public boolean isDeliveryThread(Thread thread) {
        Channel link = channel;
        return link != null && link.eventLoop().inEventLoop(thread);
    }

    /** Asks the host to kill the worker; if the link is gone already, that was done by the host. */
    @Override
    public void kill() {
        FrameWriter link = writer;
        if (link == null || !link.write(LinkFrames.controlFrame(channel.alloc(), LinkControl.of(LinkControl.KILL)))) {
            Channel current = channel;
            if (current != null) {
                current.close();
            }
        }
    }

    /** The link's protocol on the client side; runs on the link's event loop. */
    private final class Handler extends ChannelInboundHandlerAdapter {

        private final List<String> args;
        private final String version;

        Handler(List<String> args, String version) {
            this.args = args;
            this.version = version;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            // Here, not after connect returns: the host's hello can arrive before the connecting thread wakes.
            channel = ctx.channel();
            writer = new FrameWriter(ctx.channel());
            ctx.fireChannelActive();
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            if (message instanceof LinkControl control) {
                bytesReceived.addAndGet(64);
                onControl(ctx, control);
                return;
            }
            ByteBuf frame = (ByteBuf) message;
            try {
                if (info == null) {
                    throw new LinkProtocolException("channel bytes before the host's ready");
                }
                int size = frame.readableBytes();
                bytesReceived.addAndGet(size + 4L);
                byte[] body = new byte[size];
                frame.readBytes(body);
                try {
                    sink.onMessage(ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN));
                } catch (Throwable e) {
                    LOG.error("remote worker {}: message sink failed", endpoint, e);
                }
            } finally {
                frame.release();
            }
        }

        private void onControl(ChannelHandlerContext ctx, LinkControl control) {
            switch (control.type()) {
                case LinkControl.HELLO -> {
                    if (!LinkAuth.PROTOCOL.equals(control.text("protocol")) || control.text("nonce") == null) {
                        throw new LinkProtocolException("the host speaks " + control.text("protocol") + ", not " + LinkAuth.PROTOCOL);
                    }
                    writer.write(LinkFrames.controlFrame(ctx.alloc(), LinkControl.of(LinkControl.AUTH)
                            .put("proof", LinkAuth.proof(endpoint.secret(), control.text("nonce")))
                            .put("client", endpoint.clientName()).put("version", version).put("args", args)));
                }
                case LinkControl.REFUSED -> {
                    lostBecause = "refused: " + control.text("reason");
                    ctx.close();
                }
                case LinkControl.READY -> {
                    info = new RemoteWorkerInfo(control.text("host"), endpoint.address(), (int) control.number("slot", -1),
                            control.number("pid", -1), control.text("listenIp"), control.text("announcedIp"),
                            (int) control.number("rtcPort", -1));
                    ctx.executor().scheduleAtFixedRate(() -> ping(ctx), 0, PING_INTERVAL_MS, TimeUnit.MILLISECONDS);
                    ready.complete(info);
                }
                case LinkControl.PONG -> {
                    long sentAt = control.number("t", 0);
                    rttNanos = System.nanoTime() - sentAt;
                    workerCpuNanos = control.number("cpuNanos", -1);
                    workerResidentBytes = control.number("rss", -1);
                }
                case LinkControl.EXIT -> {
                    String signal = control.text("signal");
                    reportedExit = new WorkerExit((int) control.number("code", -1), signal);
                    List<String> stderr = control.texts("stderr");
                    if (!stderr.isEmpty()) {
                        LOG.warn("remote worker {} (pid {}) ended; its last words: {}", endpoint, pid(), String.join(" | ", stderr));
                    }
                }
                default -> LOG.debug("remote worker {}: ignoring control frame {}", endpoint, control.type());
            }
        }

        private void ping(ChannelHandlerContext ctx) {
            if (ctx.channel().isActive()) {
                writer.write(LinkFrames.controlFrame(ctx.alloc(), LinkControl.of(LinkControl.PING).put("t", System.nanoTime())));
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof IdleStateEvent) {
                lostBecause = "nothing heard for " + SILENCE_LIMIT_MS + " ms";
                ctx.close();
            }
            ctx.fireUserEventTriggered(event);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (lostBecause == null) {
                lostBecause = Causes.rootMessage(cause);
            }
            ctx.close();
        }
    }
}
