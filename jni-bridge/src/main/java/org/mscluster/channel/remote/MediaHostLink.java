package org.mscluster.channel.remote;

import FBS.Message.Body;
import FBS.Message.Message;
import FBS.Notification.Event;
import FBS.Notification.Notification;
import com.google.flatbuffers.FlatBufferBuilder;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.mscluster.channel.WorkerExit;
import org.mscluster.channel.process.ProcessWorkerHost;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host's end of one link: refuses anything but a valid {@code auth} first, then starts the link's
 * worker and relays its channel both ways. The worker ends with the link (told to close, killed if it
 * does not), and the link ends with the worker (after an {@code exit} frame saying how).
 */
final class MediaHostLink extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(MediaHost.class);
    /** Only settings that concern the worker's own behaviour: files and paths on the host are the host's business. */
    private static final List<String> ALLOWED_ARGS = List.of("--logLevel=", "--logTag=", "--rtcMinPort=", "--rtcMaxPort=",
            "--libwebrtcFieldTrials=", "--disableLiburing=");
    private static final long CLOSE_GRACE_MS = 3_000;

    private final MediaHost host;
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private Channel channel;
    private FrameWriter writer;
    private String remote = "?";
    private String nonce;
    private ScheduledFuture<?> authDeadline;
    private int slot = -1;
    private String client;
    private Instant since;
    private volatile ProcessWorkerHost worker;
    /** Set once a refusal is logged: what follows on a refused connection (its close, a TLS alert) is no news. */
    private boolean refused;

    MediaHostLink(MediaHost host) {
        this.host = host;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        writer = new FrameWriter(channel);
        remote = String.valueOf(channel.remoteAddress());
        nonce = LinkAuth.nonce();
        writer.write(LinkFrames.controlFrame(channel.alloc(), LinkControl.of(LinkControl.HELLO)
                .put("protocol", LinkAuth.PROTOCOL).put("nonce", nonce).put("host", host.settings().hostId())
                .put("version", host.settings().version())));
        long timeoutMs = host.settings().authTimeout().toMillis();
        authDeadline = ctx.executor().schedule(() -> refuse("no authentication within " + timeoutMs + " ms"),
                timeoutMs, TimeUnit.MILLISECONDS);
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object message) {
        if (message instanceof LinkControl control) {
            onControl(control);
            return;
        }
        ByteBuf frame = (ByteBuf) message;
        try {
            ProcessWorkerHost target = worker;
            if (target == null) {
                throw new LinkProtocolException("channel bytes before authentication");
            }
            bytesIn.addAndGet(frame.readableBytes() + 4L);
            // Flushed to the worker's pipe at the end of this read (channelReadComplete): one write per burst.
            if (!target.sendWithoutFlush(frame.nioBuffer())) {
                LOG.debug("link of {} (slot {}): the worker takes no more input", client, slot);
            }
        } finally {
            frame.release();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        ProcessWorkerHost target = worker;
        if (target != null) {
            target.flush();
        }
        ctx.fireChannelReadComplete();
    }

    private void onControl(LinkControl control) {
        if (slot < 0) {
            if (!control.is(LinkControl.AUTH)) {
                throw new LinkProtocolException("expected auth, got " + control.type());
            }
            authenticate(control);
            return;
        }
        switch (control.type()) {
            case LinkControl.PING -> {
                ProcessWorkerHost target = worker;
                long pid = target == null ? -1 : target.pid();
                writer.write(LinkFrames.controlFrame(channel.alloc(), LinkControl.of(LinkControl.PONG)
                        .put("t", control.number("t", 0)).put("cpuNanos", ProcessUsage.cpuNanos(pid))
                        .put("rss", ProcessUsage.residentBytes(pid))));
            }
            case LinkControl.KILL -> {
                LOG.warn("link of {} (slot {}): the client asked to kill worker {}", client, slot, pidOf(worker));
                ProcessWorkerHost target = worker;
                if (target != null) {
                    target.kill();
                }
            }
            case LinkControl.AUTH -> throw new LinkProtocolException("second auth on one link");
            default -> LOG.debug("link of {}: ignoring control frame {}", client, control.type());
        }
    }

    private void authenticate(LinkControl auth) {
        MediaHostSettings settings = host.settings();
        if (!LinkAuth.verify(settings.secret(), nonce, auth.text("proof"))) {
            refuse("wrong secret");
            return;
        }
        List<String> args = auth.texts("args");
        for (String arg : args) {
            if (ALLOWED_ARGS.stream().noneMatch(arg::startsWith)) {
                refuse("worker setting " + arg + " is not allowed on a media host");
                return;
            }
        }
        String version = auth.text("version");
        if (version != null && !version.equals(settings.version())) {
            refuse("mediasoup version mismatch: this host runs " + settings.version() + ", the client speaks " + version);
            return;
        }
        client = auth.text("client") == null ? remote : auth.text("client") + " at " + remote;
        int claimed = host.claimSlot(this);
        if (claimed < 0) {
            refuse("all " + settings.workers() + " workers of this host are in use");
            return;
        }
        slot = claimed;
        authDeadline.cancel(false);
        ProcessWorkerHost started;
        try {
            started = ProcessWorkerHost.start(settings.binaries(), args, settings.version(), this::fromWorker);
        } catch (RuntimeException e) {
            host.releaseSlot(slot, this);
            refuse("cannot start a worker: " + e.getMessage());
            return;
        }
        since = Instant.now();
        worker = started;
        LOG.info("link of {}: worker pid {} in slot {} (WebRTC port {})", client, started.pid(), slot, settings.rtcPortBase() + slot);
        // Written at once, not queued as the writer's frames are: this runs on the link's event loop, and the
        // worker may already have written its first messages, whose frames wait as tasks of this loop. The
        // client takes no channel frame before the ready.
        channel.writeAndFlush(LinkFrames.controlFrame(channel.alloc(), LinkControl.of(LinkControl.READY)
                .put("slot", slot).put("pid", started.pid()).put("host", settings.hostId())
                .put("listenIp", settings.listenIp()).put("announcedIp", settings.announcedAddress())
                .put("rtcPort", settings.rtcPortBase() + slot)));
        started.exit().whenComplete((exit, error) -> onWorkerExit(exit == null ? WorkerExit.unreachable(String.valueOf(error)) : exit));
    }

    /** Runs on the worker's delivery thread, in the order it wrote. */
    private void fromWorker(ByteBuffer message) {
        bytesOut.addAndGet(message.remaining() + 4L);
        writer.write(LinkFrames.channelFrame(channel.alloc(), message));
    }

    private void onWorkerExit(WorkerExit exit) {
        host.releaseSlot(slot, this);
        ProcessWorkerHost ended = worker;
        LOG.info("link of {}: worker pid {} in slot {} ended ({})", client, pidOf(ended), slot, exit.describe());
        LinkControl frame = LinkControl.of(LinkControl.EXIT).put("code", exit.code()).put("signal", exit.signal());
        if (ended != null) {
            frame.put("stderr", ended.stderrTail());
        }
        writer.write(LinkFrames.controlFrame(channel.alloc(), frame));
        try {
            channel.eventLoop().execute(() -> channel.close());
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            channel.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (authDeadline != null) {
            authDeadline.cancel(false);
        }
        closeWorker();
        ctx.fireChannelInactive();
    }

    /** The link is gone: the worker's routers have no owner any more. Close it, and kill it if it lingers. */
    private void closeWorker() {
        ProcessWorkerHost target = worker;
        if (target == null || target.exit().isDone()) {
            return;
        }
        LOG.info("link of {} closed: closing its worker pid {}", client, target.pid());
        target.sendLast(workerClose());
        target.exit().orTimeout(CLOSE_GRACE_MS, TimeUnit.MILLISECONDS).exceptionally(timeout -> {
            LOG.warn("worker pid {} did not exit within {} ms of its link closing: killing it", target.pid(), CLOSE_GRACE_MS);
            target.kill();
            return null;
        });
    }

    private static ByteBuffer workerClose() {
        FlatBufferBuilder builder = new FlatBufferBuilder(64);
        int handler = builder.createString("");
        int notification = Notification.createNotification(builder, handler, Event.WORKER_CLOSE, (byte) 0, 0);
        builder.finish(Message.createMessage(builder, Body.Notification, notification));
        return builder.dataBuffer();
    }

    void shutDown() {
        if (channel != null) {
            channel.close();
        }
        closeWorker();
    }

    LinkStatus status() {
        ProcessWorkerHost target = worker;
        if (target == null) {
            return null;
        }
        return new LinkStatus(slot, target.pid(), client, remote, since, bytesIn.get(), bytesOut.get(),
                ProcessUsage.cpuNanos(target.pid()), ProcessUsage.residentBytes(target.pid()));
    }

    private void refuse(String reason) {
        if (channel == null || !channel.isActive() || refused) {
            return;
        }
        refused = true;
        LOG.warn("media host refused the link from {}: {}", remote, reason);
        channel.writeAndFlush(LinkFrames.controlFrame(channel.alloc(), LinkControl.of(LinkControl.REFUSED).put("reason", reason)))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
        if (event instanceof IdleStateEvent) {
            LOG.warn("link of {}: nothing heard for {} s, closing it", client == null ? remote : client, MediaHost.CLIENT_SILENCE_S);
            ctx.close();
        } else if (event instanceof SslHandshakeCompletionEvent tls && !tls.isSuccess()) {
            if (refused) {
                ctx.close();
                return;
            }
            refused = true;
            LOG.warn("media host refused the link from {}: TLS handshake failed ({})", remote, Causes.rootMessage(tls.cause()));
            ctx.close();
        }
        ctx.fireUserEventTriggered(event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Throwable root = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (root instanceof javax.net.ssl.SSLException) {
            // Reported once by the handshake event above.
            ctx.close();
            return;
        }
        if (refused) {
            ctx.close();
            return;
        }
        refused = true;
        if (slot < 0) {
            LOG.warn("media host refused the link from {}: {}", remote, Causes.rootMessage(root));
        } else {
            LOG.warn("link of {} (slot {}) broken: {}", client, slot, Causes.rootMessage(root));
        }
        ctx.close();
    }


    private static String pidOf(ProcessWorkerHost host) {
        return host == null ? "?" : Long.toString(host.pid());
    }
}
