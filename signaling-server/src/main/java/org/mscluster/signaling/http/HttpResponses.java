package org.mscluster.signaling.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
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
