package org.mscluster.signaling.http;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.ssl.SslHandler;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Routes plain HTTP requests: JSON endpoints by exact path, then {@link HttpRoute}s by longest path
 * prefix (any method), everything else to the static files.
 * WebSocket upgrade requests are passed on, retained, to the WebSocket handlers behind this one.
 */
public final class HttpRouter extends SimpleChannelInboundHandler<FullHttpRequest> {

    private static final Logger LOG = LoggerFactory.getLogger(HttpRouter.class);

    private final Map<String, JsonEndpoint> endpoints;
    private final java.util.List<HttpRoute> routes;
    private final StaticFiles staticFiles;

    public HttpRouter(Map<String, JsonEndpoint> endpoints, StaticFiles staticFiles) {
        this(endpoints, java.util.List.of(), staticFiles);
    }

    public HttpRouter(Map<String, JsonEndpoint> endpoints, java.util.List<HttpRoute> routes, StaticFiles staticFiles) {
        super(false);
        this.endpoints = endpoints;
        // Longest path first: /api/cluster/stream before /api/cluster.
        this.routes = routes.stream()
                .sorted(java.util.Comparator.comparingInt((HttpRoute r) -> r.path().length()).reversed()).toList();
        this.staticFiles = staticFiles;
    }

    /** True for a request asking to become a WebSocket ({@code Upgrade: websocket}). */
    public static boolean isWebSocketUpgrade(FullHttpRequest request) {
        String upgrade = request.headers().get(HttpHeaderNames.UPGRADE);
        return upgrade != null && upgrade.equalsIgnoreCase("websocket");
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (isWebSocketUpgrade(request)) {
            ctx.fireChannelRead(request);
            return;
        }
        try {
            route(ctx, request);
        } finally {
            request.release();
        }
    }

    private void route(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            HttpResponses.sendError(ctx, request, HttpResponseStatus.BAD_REQUEST, "malformed HTTP request");
            return;
        }
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        boolean readOnly = HttpMethod.GET.equals(request.method()) || HttpMethod.HEAD.equals(request.method());
        JsonEndpoint endpoint = endpoints.get(query.path());
        if (endpoint == null) {
            for (HttpRoute route : routes) {
                if (route.matches(query.path())) {
                    route.handle(ctx, request);
                    return;
                }
            }
        }
        if (!readOnly) {
            HttpResponses.sendError(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "method " + request.method() + " not allowed on " + query.path() + " (allowed: GET, HEAD)");
            return;
        }
        if (endpoint != null) {
            answer(ctx, request, endpoint, query);
            return;
        }
        Optional<StaticFiles.StaticFile> file = staticFiles.find(query.path());
        if (file.isEmpty()) {
            HttpResponses.sendError(ctx, request, HttpResponseStatus.NOT_FOUND, "not found: " + query.path());
            return;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(file.get().content()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, file.get().contentType());
        // The bundle's name does not change between builds: make browsers revalidate instead of caching stale code.
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        HttpResponses.send(ctx, request, response);
    }

    private static void answer(ChannelHandlerContext ctx, FullHttpRequest request, JsonEndpoint endpoint, QueryStringDecoder query) {
        String host = request.headers().get(HttpHeaderNames.HOST);
        boolean secure = ctx.pipeline().get(SslHandler.class) != null;
        // The request is released when this method returns; the reply needs only its method and keep-alive.
        FullHttpRequest head = new io.netty.handler.codec.http.DefaultFullHttpRequest(
                request.protocolVersion(), request.method(), request.uri(), Unpooled.EMPTY_BUFFER,
                request.headers().copy(), request.trailingHeaders().copy());
        CompletionStage<JsonResponse> result;
        try {
            result = endpoint.get(query, new JsonEndpoint.RequestContext(host, secure, remoteIp(ctx)));
        } catch (RuntimeException e) {
            result = java.util.concurrent.CompletableFuture.failedFuture(e);
        }
        result.whenComplete((response, error) -> {
            if (error != null) {
                LOG.warn("{} failed", query.path(), error);
                response = JsonResponse.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, String.valueOf(error.getMessage()));
            }
            HttpResponses.sendJson(ctx, head, response);
        });
    }

    private static String remoteIp(ChannelHandlerContext ctx) {
        return ctx.channel().remoteAddress() instanceof java.net.InetSocketAddress address && address.getAddress() != null
                ? address.getAddress().getHostAddress() : null;
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("{}: {}", ctx.channel(), cause.toString());
        ctx.close();
    }
}
