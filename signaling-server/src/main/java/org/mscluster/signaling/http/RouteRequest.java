package org.mscluster.signaling.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What a {@link HttpRoute} keeps of a request to answer it later: method, path segments (each
 * percent-decoded on its own, so {@code a%2Fb} stays one segment), query, headers, body, the
 * client's address, and a body-less copy of the request for {@link HttpResponses} (keep-alive, HEAD).
 */
public record RouteRequest(HttpMethod method, String path, List<String> segments, QueryStringDecoder query,
        String authorization, byte[] body, InetAddress remoteAddress, FullHttpRequest head) {

    public static RouteRequest of(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        String rawPath = request.uri();
        int cut = rawPath.indexOf('?');
        rawPath = cut < 0 ? rawPath : rawPath.substring(0, cut);
        cut = rawPath.indexOf('#');
        rawPath = cut < 0 ? rawPath : rawPath.substring(0, cut);
        List<String> segments = new ArrayList<>();
        for (String raw : rawPath.split("/")) {
            if (!raw.isEmpty()) {
                segments.add(URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8));
            }
        }
        InetAddress remote = ctx.channel().remoteAddress() instanceof InetSocketAddress address ? address.getAddress() : null;
        FullHttpRequest head = new DefaultFullHttpRequest(request.protocolVersion(), request.method(), request.uri(),
                Unpooled.EMPTY_BUFFER, request.headers().copy(), request.trailingHeaders().copy());
        return new RouteRequest(request.method(), query.path(), List.copyOf(segments), query,
                request.headers().get(HttpHeaderNames.AUTHORIZATION), ByteBufUtil.getBytes(request.content()), remote, head);
    }

    /** The first value of query parameter {@code name}, or null. */
    public String parameter(String name) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The bearer token of the {@code Authorization} header, else the {@code token} query parameter, else null. */
    public String bearerToken() {
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return authorization.substring(7).trim();
        }
        return parameter("token");
    }

    /** True for GET and HEAD. */
    public boolean isRead() {
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
    }
}
