package org.mscluster.signaling.dashboard;

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
 * The dashboard's files (built by esbuild into {@code dashboard/} on the class path) under a mount
 * path: {@code /dashboard} on a standalone node, {@code /} on a dispatcher. The page signs in and
 * reads {@code /api/cluster/stream} itself; serving it needs no token.
 */
public final class DashboardRoute implements HttpRoute {

    private final String mount;
    private final StaticFiles files;

    /** @param mount {@code /dashboard}, or {@code /} */
    public DashboardRoute(String mount, StaticFiles files) {
        this.mount = mount;
        this.files = files;
    }

    public static DashboardRoute fromClassPath(String mount) {
        return new DashboardRoute(mount, StaticFiles.fromClassPath("dashboard"));
    }

    @Override
    public String path() {
        return mount;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest http) {
        RouteRequest request = RouteRequest.of(ctx, http);
        if (!request.isRead()) {
            HttpResponses.sendError(ctx, request.head(), HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET on " + mount);
            return;
        }
        String path = request.path();
        if (!mount.endsWith("/") && path.equals(mount)) {
            // Relative asset URLs in the page need the trailing slash.
            FullHttpResponse redirect = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.MOVED_PERMANENTLY,
                    Unpooled.EMPTY_BUFFER);
            redirect.headers().set(HttpHeaderNames.LOCATION, mount + "/");
            HttpResponses.send(ctx, request.head(), redirect);
            return;
        }
        String relative = path.substring(mount.length());
        Optional<StaticFiles.StaticFile> file = files.find(relative.isEmpty() ? "/" : relative);
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
}
