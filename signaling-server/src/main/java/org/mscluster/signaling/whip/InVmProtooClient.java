package org.mscluster.signaling.whip;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import org.mscluster.signaling.json.Json;
import org.mscluster.signaling.protoo.MalformedMessageException;
import org.mscluster.signaling.protoo.ProtooCodec;
import org.mscluster.signaling.protoo.ProtooError;
import org.mscluster.signaling.protoo.ProtooMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session's end of an {@link InVmProtoo} pair: a protoo client as protoo-client is, minus the
 * WebSocket. Requests fail with the room's {@link ProtooError}; the room's requests
 * ({@code newConsumer}) and notifications go to the handlers the session sets.
 */
public final class InVmProtooClient extends SimpleChannelInboundHandler<WebSocketFrame> {

    private static final Logger LOG = LoggerFactory.getLogger(InVmProtooClient.class);
    /** The room answers every request; this only bounds a room that is stuck. */
    private static final long REQUEST_TIMEOUT_SECONDS = 20;

    private final Map<Long, CompletableFuture<JsonNode>> sent = new ConcurrentHashMap<>();
    private final AtomicLong nextId = new AtomicLong(1);
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private volatile Channel channel;
    private volatile String closeReason = "closed";
    private volatile BiFunction<String, JsonNode, CompletableFuture<Object>> requestHandler =
            (method, data) -> CompletableFuture.failedFuture(new ProtooError(ProtooError.INTERNAL, "not handled"));
    private volatile Consumer<ProtooMessage.Notification> notificationHandler = notification -> { };

    Channel channel() {
        return channel;
    }

    /** Handles the room's requests; a failed future becomes the protoo error the room sees. */
    public void onRequest(BiFunction<String, JsonNode, CompletableFuture<Object>> handler) {
        requestHandler = handler;
    }

    public void onNotification(Consumer<ProtooMessage.Notification> handler) {
        notificationHandler = handler;
    }

    /** Completes with the room's close reason (or "closed") once the peer is gone, from either side. */
    public CompletableFuture<String> closeFuture() {
        return closed;
    }

    public CompletableFuture<JsonNode> request(String method, Object data) {
        CompletableFuture<JsonNode> future = new CompletableFuture<>();
        Channel current = channel;
        if (current == null || !current.isActive()) {
            future.completeExceptionally(new ProtooError(ProtooError.INTERNAL, "peer closed"));
            return future;
        }
        long id = nextId.getAndIncrement();
        sent.put(id, future);
        LOG.debug("{}: request {} {}", current, id, method);
        current.writeAndFlush(new TextWebSocketFrame(ProtooCodec.encode(new ProtooMessage.Request(id, method, Json.tree(data)))));
        return future.orTimeout(REQUEST_TIMEOUT_SECONDS, TimeUnit.SECONDS).whenComplete((value, error) -> sent.remove(id));
    }

    /** Leaves the room: the room removes the peer and closes its transports, producers and consumers. */
    public void close() {
        Channel current = channel;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        for (CompletableFuture<JsonNode> future : sent.values()) {
            future.completeExceptionally(new ProtooError(ProtooError.INTERNAL, "peer closed: " + closeReason));
        }
        closed.complete(closeReason);
        super.channelInactive(ctx);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (frame instanceof CloseWebSocketFrame close) {
            closeReason = close.reasonText();
            ctx.close();
            return;
        }
        if (!(frame instanceof TextWebSocketFrame text)) {
            return;
        }
        ProtooMessage message;
        try {
            message = ProtooCodec.decode(text.text());
        } catch (MalformedMessageException e) {
            return;
        }
        if (message instanceof ProtooMessage.Response response) {
            CompletableFuture<JsonNode> future = sent.remove(response.id());
            LOG.debug("{}: response {} ({})", ctx.channel(), response.id(), response.ok() ? "ok" : response.errorReason());
            if (future != null) {
                if (response.ok()) {
                    future.complete(response.data());
                } else {
                    future.completeExceptionally(new ProtooError(response.errorCode(), response.errorReason()));
                }
            }
        } else if (message instanceof ProtooMessage.Request request) {
            CompletableFuture<Object> answer;
            try {
                answer = requestHandler.apply(request.method(), request.data());
            } catch (RuntimeException e) {
                answer = CompletableFuture.failedFuture(e);
            }
            answer.whenComplete((value, error) -> {
                ProtooMessage.Response response = error == null
                        ? ProtooMessage.Response.success(request.id(), Json.tree(value == null ? Map.of() : value))
                        : ProtooMessage.Response.error(request.id(), error instanceof ProtooError p ? p.code() : ProtooError.INTERNAL,
                                String.valueOf(error.getMessage()));
                ctx.channel().writeAndFlush(new TextWebSocketFrame(ProtooCodec.encode(response)));
            });
        } else if (message instanceof ProtooMessage.Notification notification) {
            notificationHandler.accept(notification);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
