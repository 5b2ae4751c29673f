package org.mscluster.signaling.dispatcher;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Optional;
import org.mscluster.signaling.http.HttpResponses;
import org.mscluster.signaling.http.HttpRoute;
import org.mscluster.signaling.http.RouteRequest;
import org.mscluster.signaling.http.StaticFiles;

/**
 * {@code /} on a dispatcher with operations: the dashboard at {@code /}, the web client at {@code /client/}.
 * A room link to the old place, {@code /?roomId=…}, is redirected to {@code /client/?roomId=…}; the web
 * client opens its socket at {@code /} whatever its page's path.
 */
final class DispatcherRootRoute implements HttpRoute {

    static final String CLIENT = "/client";

    private final StaticFiles dashboard;
    private final StaticFiles web;

    DispatcherRootRoute(StaticFiles dashboard, StaticFiles web) {
        this.dashboard = dashboard;
        this.web = web;
    }

    @Override
    public String path() {
        return "/";
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest http) {
        RouteRequest request = RouteRequest.of(ctx, http);
        if (!request.isRead()) {
            HttpResponses.sendError(ctx, request.head(), HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET on " + request.path());
            return;
        }
        String path = request.path();
        if (path.equals("/") && request.parameter("roomId") != null) {
            String uri = http.uri();
            redirect(ctx, request, CLIENT + "/" + uri.substring(uri.indexOf('?')));
            return;
        }
        if (path.equals(CLIENT)) {
            redirect(ctx, request, CLIENT + "/");
            return;
        }
        Optional<StaticFiles.StaticFile> file = path.startsWith(CLIENT + "/") ? web.find(path.substring(CLIENT.length()))
                : dashboard.find(path);
        if (file.isEmpty()) {
            HttpResponses.sendError(ctx, request.head(), HttpResponseStatus.NOT_FOUND, "not found: " + path);
            return;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                Unpooled.wrappedBuffer(file.get().content()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, file.get().contentType());
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        HttpResponses.send(ctx, request.head(), response);
    }

    private static void redirect(ChannelHandlerContext ctx, RouteRequest request, String location) {
        FullHttpResponse redirect = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.FOUND,
                Unpooled.EMPTY_BUFFER);
        redirect.headers().set(HttpHeaderNames.LOCATION, location);
        HttpResponses.send(ctx, request.head(), redirect);
    }
}
