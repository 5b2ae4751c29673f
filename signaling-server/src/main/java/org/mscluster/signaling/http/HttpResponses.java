package org.mscluster.signaling.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.mscluster.signaling.json.Json;

/** Writes responses honouring keep-alive and HEAD, the two things every endpoint would get wrong alone. */
public final class HttpResponses {

    private HttpResponses() {
    }

    public static void sendJson(ChannelHandlerContext ctx, HttpRequest request, JsonResponse response) {
        byte[] body = Json.write(response.body()).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, response.status(), Unpooled.wrappedBuffer(body));
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        http.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        send(ctx, request, http);
    }

    public static void sendError(ChannelHandlerContext ctx, HttpRequest request, HttpResponseStatus status, String reason) {
        sendJson(ctx, request, JsonResponse.error(status, reason));
    }

    /**
     * Sends a JSON error with {@code Connection: close} on a connection to be dropped (a refused
     * connection, a request the decoder could not read), then closes it gently: our side first, while
     * what the client is still sending is read and thrown away, the whole socket a moment later. Closing
     * at once with unread input would reset the connection, and the client could lose the answer.
     */
    public static void sendErrorAndClose(ChannelHandlerContext ctx, HttpResponseStatus status, String reason) {
        byte[] body = Json.write(JsonResponse.error(status, reason).body()).getBytes(StandardCharsets.UTF_8);
        FullHttpResponse http = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        http.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        http.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE);
        HttpUtil.setContentLength(http, body.length);
        HttpUtil.setKeepAlive(http, false);
        ctx.writeAndFlush(http).addListener((ChannelFuture written) -> {
            Channel channel = written.channel();
            if (written.isSuccess() && channel instanceof DuplexChannel duplex) {
                duplex.shutdownOutput();
                channel.eventLoop().schedule(() -> {
                    channel.close();
                }, LINGER_MILLIS, TimeUnit.MILLISECONDS);
            } else {
                channel.close();
            }
        });
    }

    /** How long a connection being dropped is read (and its input thrown away) after our answer went out. */
    private static final long LINGER_MILLIS = 1000;

    /** Sends {@code response}, emptied for HEAD, closing the connection unless the client keeps it alive. */
    public static ChannelFuture send(ChannelHandlerContext ctx, HttpRequest request, FullHttpResponse response) {
        ByteBuf content = response.content();
        HttpUtil.setContentLength(response, content.readableBytes());
        if (HttpMethod.HEAD.equals(request.method())) {
            content.clear();
        }
        boolean keepAlive = HttpUtil.isKeepAlive(request) && response.status().code() < 400;
        HttpUtil.setKeepAlive(response, keepAlive);
        ChannelFuture future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
        return future;
    }
}
