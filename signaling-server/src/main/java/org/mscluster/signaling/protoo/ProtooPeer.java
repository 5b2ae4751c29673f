package org.mscluster.signaling.protoo;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.mscluster.signaling.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One protoo endpoint over one WebSocket channel, as protoo-server's {@code Peer}.
 *
 * <p>Server→client requests live in a table keyed by id until their response arrives, their timeout
 * fires or the channel closes: whatever the client does, every future returned by {@link #request}
 * completes, so room code waiting on a {@code newConsumer} answer is never stuck. All methods are
 * thread-safe; handlers run on the channel's event loop and must hand slow work elsewhere.
 */
public final class ProtooPeer {

    private static final Logger LOG = LoggerFactory.getLogger(ProtooPeer.class);
    /** Incoming requests answered concurrently; past this a client is flooding us and gets 429s. */
    static final int MAX_INCOMING_IN_FLIGHT = 256;

    private final String id;
    private final Channel channel;
    private final Duration requestTimeout;
    private final Map<Long, CompletableFuture<JsonNode>> sent = new ConcurrentHashMap<>();
    // protoo-client's own ids are random below 10^7; starting ours elsewhere keeps logs unambiguous.
    private final AtomicLong nextId = new AtomicLong(ThreadLocalRandom.current().nextLong(10_000_000L, 20_000_000L));
    private final AtomicInteger incomingInFlight = new AtomicInteger();
    private final RequestRate rate;
    private final Refusals refusals;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    private volatile ProtooRequestHandler requestHandler =
            (peer, request) -> CompletableFuture.failedFuture(new ProtooError(ProtooError.INTERNAL, "not ready"));
    private volatile Consumer<ProtooMessage.Notification> notificationHandler = n -> { };

    public ProtooPeer(String id, Channel channel, Duration requestTimeout) {
        this(id, channel, requestTimeout, null, new Refusals());
    }

    /**
     * @param rate the peer's request budget, or null for none
     * @param refusals where the node counts what it refused
     */
    public ProtooPeer(String id, Channel channel, Duration requestTimeout, RequestRate rate, Refusals refusals) {
        this.id = id;
        this.channel = channel;
        this.requestTimeout = requestTimeout;
        this.rate = rate;
        this.refusals = refusals;
        channel.closeFuture().addListener(f -> channelClosed());
    }

    /** Where the node counts its refusals (room code counts there too). */
    public Refusals refusals() {
        return refusals;
    }

    public String id() {
        return id;
    }

    public Channel channel() {
        return channel;
    }

    public void setRequestHandler(ProtooRequestHandler handler) {
        this.requestHandler = handler;
    }

    public void setNotificationHandler(Consumer<ProtooMessage.Notification> handler) {
        this.notificationHandler = handler;
    }

    public boolean isClosed() {
        return closed.get();
    }

    /** Completes once the channel is closed, from either side. */
    public CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }

    /**
     * Sends a request; the future fails with a {@link ProtooError} when the client rejects it (its
     * code), does not answer in time ({@value ProtooError#TIMEOUT}) or goes away.
     */
    public CompletableFuture<JsonNode> request(String method, Object data) {
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        if (closed.get()) {
            future.completeExceptionally(new ProtooError(ProtooError.INTERNAL, "peer closed"));
            return future;
        }
        long requestId = nextId.getAndIncrement();
        sent.put(requestId, future);
        ScheduledFuture<?> timeout = channel.eventLoop().schedule(
                () -> fail(requestId, new ProtooError(ProtooError.TIMEOUT, "request timeout: " + method)),
                requestTimeout.toMillis(), TimeUnit.MILLISECONDS);
        future.whenComplete((value, error) -> timeout.cancel(false));
        write(new ProtooMessage.Request(requestId, method, Json.tree(data))).addListener(f -> {
            if (!f.isSuccess()) {
                fail(requestId, new ProtooError(ProtooError.INTERNAL, "send failed: " + f.cause()));
            }
        });
        // The channel may have closed between the check and the put: channelClosed() may have missed this one.
        if (closed.get()) {
            fail(requestId, new ProtooError(ProtooError.INTERNAL, "peer closed"));
        }
        return future;
    }

    /** Sends a notification; silently dropped once closed, as protoo's {@code notify().catch(() => {})}. */
    public void notify(String method, Object data) {
        if (!closed.get()) {
            write(new ProtooMessage.Notification(method, Json.tree(data)));
        }
    }

    /**
     * Runs {@code task} on the socket's own event loop. Netty writes made on the loop go out at once
     * while writes from other threads wait in its task queue, so a reply to a request that arrives
     * meanwhile could overtake them: what must reach the client before any such reply (a redirect
     * before the refusals that follow it) is written from here.
     */
    public void execute(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    /** Closes with 4000: the client will not reconnect. */
    public void close() {
        close(CloseCodes.CLOSED_BY_SERVER, "closed by server");
    }

    public void close(int code, String reason) {
        LOG.debug("peer {}: closing with {} ({})", id, code, reason);
        if (channel.isActive()) {
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.close();
        }
    }

    /** Called by the frame handler with every well-formed message of this peer. */
    void receive(ProtooMessage message) {
        if (message instanceof ProtooMessage.Request request) {
            receiveRequest(request);
        } else if (message instanceof ProtooMessage.Response response) {
            receiveResponse(response);
        } else if (message instanceof ProtooMessage.Notification notification) {
            try {
                notificationHandler.accept(notification);
            } catch (RuntimeException e) {
                LOG.warn("peer {}: notification {} failed", id, notification.method(), e);
            }
        }
    }

    /** Answers a request that could not be parsed beyond its id. */
    void rejectMalformed(long requestId, String reason) {
        write(ProtooMessage.Response.error(requestId, ProtooError.BAD_REQUEST, reason));
    }

    private void receiveRequest(ProtooMessage.Request request) {
        // On the socket's event loop, the only thread that reads this peer's frames.
        if (rate != null && !rate.tryAcquire(System.nanoTime())) {
            refusals.count(Refusals.Reason.REQUEST_RATE);
            write(ProtooMessage.Response.error(request.id(), ProtooError.TOO_MANY_REQUESTS, "too many requests per second"));
            return;
        }
        if (incomingInFlight.incrementAndGet() > MAX_INCOMING_IN_FLIGHT) {
            incomingInFlight.decrementAndGet();
            refusals.count(Refusals.Reason.REQUESTS_IN_FLIGHT);
            write(ProtooMessage.Response.error(request.id(), ProtooError.TOO_MANY_REQUESTS, "too many requests in flight"));
            return;
        }
        CompletionStage<?> result;
        try {
            result = requestHandler.handle(this, request);
        } catch (RuntimeException e) {
            result = CompletableFuture.failedFuture(e);
        }
        result.whenComplete((value, error) -> {
            incomingInFlight.decrementAndGet();
            if (closed.get()) {
                return;
            }
            if (error == null) {
                write(ProtooMessage.Response.success(request.id(), Json.tree(value)));
            } else {
                write(errorResponse(request, error));
            }
        });
    }

    private ProtooMessage.Response errorResponse(ProtooMessage.Request request, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ProtooError protoo) {
            return ProtooMessage.Response.error(request.id(), protoo.code(), protoo.reason());
        }
        if (cause instanceof IllegalArgumentException) {
            return ProtooMessage.Response.error(request.id(), ProtooError.BAD_REQUEST, String.valueOf(cause.getMessage()));
        }
        LOG.warn("peer {}: request {} failed", id, request.method(), cause);
        return ProtooMessage.Response.error(request.id(), ProtooError.INTERNAL, String.valueOf(cause.getMessage()));
    }

    private void receiveResponse(ProtooMessage.Response response) {
        CompletableFuture<JsonNode> future = sent.remove(response.id());
        if (future == null) {
            LOG.debug("peer {}: response to unknown or expired request {}", id, response.id());
            return;
        }
        if (response.ok()) {
            future.complete(response.data());
        } else {
            future.completeExceptionally(new ProtooError(response.errorCode(), response.errorReason()));
        }
    }

    private void fail(long requestId, ProtooError error) {
        CompletableFuture<JsonNode> future = sent.remove(requestId);
        if (future != null) {
            future.completeExceptionally(error);
        }
    }

    private void channelClosed() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        for (Long requestId : sent.keySet()) {
            fail(requestId, new ProtooError(ProtooError.INTERNAL, "peer closed"));
        }
        closeFuture.complete(null);
    }

    /** Number of server→client requests still waiting for an answer. */
    int pendingRequests() {
        return sent.size();
    }

    private io.netty.channel.ChannelFuture write(ProtooMessage message) {
        return channel.writeAndFlush(new TextWebSocketFrame(ProtooCodec.encode(message)));
    }

    @Override
    public String toString() {
        return "ProtooPeer[" + id + "]";
    }
}
