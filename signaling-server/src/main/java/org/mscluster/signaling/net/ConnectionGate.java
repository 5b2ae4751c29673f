package org.mscluster.signaling.net;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.mscluster.signaling.http.HttpResponses;
import org.mscluster.signaling.protoo.Refusals;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one client address may hold of a server: at most {@code perAddress} open connections (the
 * next one's first request is answered 429 and the connection closed), and every connection must
 * complete its first HTTP request (a WebSocket upgrade, a page) within {@code firstRequestDeadline},
 * or it is dropped: a half-open or trickling handshake does not hold a socket for long. And what all
 * clients together may hold: at most {@code handshakesInFlight} connections still waiting for their
 * first whole request; the next one is answered 503 at once and closed, so that a flood of idle
 * sockets from many addresses cannot pile up within the deadline. One gate per server (node or
 * dispatcher). Refusals are counted in the server's {@link Refusals}.
 */
public final class ConnectionGate {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionGate.class);

    /**
     * @param perAddress open connections one address may have (a browser tab holds one socket; a NAT
     *     of an office shares the address, hence a generous default)
     * @param firstRequestDeadline how long a new connection may take to send its first whole request
     * @param handshakesInFlight connections of all addresses together that may be waiting for their first
     *     whole request at once (a browser's handshake takes a round trip or two; a thousand at once is a
     *     burst of joins or a flood)
     */
    public record Settings(int perAddress, Duration firstRequestDeadline, int handshakesInFlight) {

        public static final int DEFAULT_HANDSHAKES_IN_FLIGHT = 1024;

        public static Settings defaults() {
            return new Settings(256, Duration.ofSeconds(10), DEFAULT_HANDSHAKES_IN_FLIGHT);
        }

        /** With the default handshakes in flight. */
        public Settings(int perAddress, Duration firstRequestDeadline) {
            this(perAddress, firstRequestDeadline, DEFAULT_HANDSHAKES_IN_FLIGHT);
        }

        public Settings {
            if (perAddress < 1 || firstRequestDeadline.isNegative() || firstRequestDeadline.isZero()) {
                throw new IllegalArgumentException("connections per address and the first request deadline must be positive");
            }
            if (handshakesInFlight < 1) {
                throw new IllegalArgumentException("handshakes in flight must be at least 1");
            }
        }

        /** The same with another number of handshakes in flight. */
        public Settings withHandshakesInFlight(int value) {
            return new Settings(perAddress, firstRequestDeadline, value);
        }
    }

    private final Settings settings;
    private final Refusals refusals;
    private final ConcurrentHashMap<InetAddress, AtomicInteger> open = new ConcurrentHashMap<>();
    private final AtomicInteger handshaking = new AtomicInteger();

    public ConnectionGate(Settings settings, Refusals refusals) {
        this.settings = settings;
        this.refusals = refusals;
    }

    /** A handler for one new connection; goes right after the HTTP aggregator. */
    public ChannelHandler newHandler() {
        return new Gate();
    }

    /** Open connections of {@code address} now (for tests and metrics). */
    public int openConnections(InetAddress address) {
        AtomicInteger count = open.get(address);
        return count == null ? 0 : count.get();
    }

    /** Connections waiting for their first whole request now (for tests). */
    public int handshakesInFlight() {
        return handshaking.get();
    }

    private final class Gate extends ChannelInboundHandlerAdapter {
        private InetAddress address;
        private boolean overLimit;
        private boolean firstRequestSeen;
        /** Counted in {@link #handshaking} until the first request or the end. */
        private boolean handshakeCounted;
        /** Refused at once (too many handshakes in flight): anything it sends is thrown away. */
        private boolean refused;
        private ScheduledFuture<?> deadline;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            if (handshaking.incrementAndGet() > settings.handshakesInFlight()) {
                handshaking.decrementAndGet();
                refused = true;
                refusals.count(Refusals.Reason.HANDSHAKES_IN_FLIGHT);
                LOG.debug("{}: over {} connections waiting for their first request, refusing", ctx.channel().remoteAddress(),
                        settings.handshakesInFlight());
                HttpResponses.sendErrorAndClose(ctx, HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "too many connections being opened right now (at most " + settings.handshakesInFlight() + "); try again");
                ctx.fireChannelActive();
                return;
            }
            handshakeCounted = true;
            if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null) {
                address = remote.getAddress();
                int count = open.computeIfAbsent(address, a -> new AtomicInteger()).incrementAndGet();
                overLimit = count > settings.perAddress();
            }
            long millis = settings.firstRequestDeadline().toMillis();
            deadline = ctx.executor().schedule(() -> {
                if (!firstRequestSeen && ctx.channel().isActive()) {
                    refusals.count(Refusals.Reason.HANDSHAKE_TIMEOUT);
                    LOG.debug("{}: no whole request within {} ms, dropping the connection", ctx.channel().remoteAddress(), millis);
                    ctx.close();
                }
            }, millis, TimeUnit.MILLISECONDS);
            ctx.fireChannelActive();
        }

        private void handshakeDone() {
            if (handshakeCounted) {
                handshakeCounted = false;
                handshaking.decrementAndGet();
            }
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (refused) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (!firstRequestSeen) {
                firstRequestSeen = true;
                deadline.cancel(false);
                handshakeDone();
                if (overLimit && msg instanceof FullHttpRequest request) {
                    refusals.count(Refusals.Reason.CONNECTIONS_PER_ADDRESS);
                    LOG.debug("{}: over {} connections from one address", address, settings.perAddress());
                    try {
                        HttpResponses.sendError(ctx, request, HttpResponseStatus.TOO_MANY_REQUESTS,
                                "too many connections from this address (at most " + settings.perAddress() + ")");
                    } finally {
                        request.release();
                    }
                    ctx.close();
                    return;
                }
            }
            ctx.fireChannelRead(msg);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            handshakeDone();
            if (deadline != null) {
                deadline.cancel(false);
            }
            if (address != null) {
                open.computeIfPresent(address, (a, count) -> count.decrementAndGet() <= 0 ? null : count);
            }
            ctx.fireChannelInactive();
        }
    }
}
