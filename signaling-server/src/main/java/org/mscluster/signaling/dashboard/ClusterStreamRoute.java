package org.mscluster.signaling.dashboard;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import org.mscluster.signaling.admin.AdminAccess;
import org.mscluster.signaling.admin.AdminAuth;
import org.mscluster.signaling.http.HttpResponses;
import org.mscluster.signaling.http.HttpRoute;
import org.mscluster.signaling.http.JsonResponse;
import org.mscluster.signaling.http.RouteRequest;

/**
 * {@code GET /api/cluster/stream}: the dashboard's live feed, {@code text/event-stream} over a chunked
 * response that stays open. Same admin token as the API ({@code Authorization: Bearer}, or {@code
 * ?token=} for {@code EventSource}, which cannot set headers).
 */
public final class ClusterStreamRoute implements HttpRoute {

    private final AdminAuth auth;
    private final ClusterFeed feed;

    public ClusterStreamRoute(AdminAuth auth, ClusterFeed feed) {
        this.auth = auth;
        this.feed = feed;
    }

    @Override
    public String path() {
        return "/api/cluster/stream";
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest http) {
        RouteRequest request = RouteRequest.of(ctx, http);
        if (!HttpMethod.GET.equals(request.method())) {
            HttpResponses.sendError(ctx, request.head(), HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET on " + path());
            return;
        }
        AdminAccess access = auth.check(request.bearerToken(), request.remoteAddress());
        if (access instanceof AdminAccess.Refused refused) {
            HttpResponses.sendJson(ctx, request.head(), new JsonResponse(HttpResponseStatus.valueOf(refused.status()),
                    refused.body()));
            return;
        }
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_CACHE);
        // Proxies (nginx) must pass each event on at once.
        response.headers().set("X-Accel-Buffering", "no");
        HttpUtil.setTransferEncodingChunked(response, true);
        // Views of a large cluster are big and alike from one second to the next: gzip cuts them ~10x.
        String accepted = http.headers().get(HttpHeaderNames.ACCEPT_ENCODING, "");
        boolean gzip = java.util.Arrays.stream(accepted.split(",")).map(String::trim)
                .anyMatch(e -> e.equals("gzip") || e.startsWith("gzip;") && !e.replace(" ", "").endsWith("q=0"));
        if (gzip) {
            response.headers().set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP);
        }
        // The stream is quiet from the client's side: the node's idle timer (meant for WebSockets) must not end it.
        if (ctx.pipeline().get("idle") != null) {
            ctx.pipeline().remove("idle");
        }
        ctx.writeAndFlush(response);
        feed.subscribe(ctx.channel(), ((AdminAccess.Granted) access).scope(), gzip);
    }
}
