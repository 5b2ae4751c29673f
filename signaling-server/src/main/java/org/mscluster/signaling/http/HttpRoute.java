package org.mscluster.signaling.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * A handler of every request under one path, whatever its method: for what a GET-only
 * {@link JsonEndpoint} cannot do (the admin API's DELETE and POST, path parameters, a streamed
 * response, Prometheus text). The router asks its endpoints first, then the route with the longest
 * matching path, then the static files.
 */
public interface HttpRoute {

    /** The path served, and everything under it: {@code /api/rooms} takes {@code /api/rooms/a/b} too. */
    String path();

    /**
     * Answers the request (now or later). The router releases {@code request} when this returns: keep
     * what is needed with {@link RouteRequest#of}, never the request itself.
     */
    void handle(ChannelHandlerContext ctx, FullHttpRequest request);

    /** Whether {@code path} is this route's path or lies under it. */
    default boolean matches(String path) {
        String own = path();
        return path.equals(own) || (path.startsWith(own) && (own.endsWith("/") || path.charAt(own.length()) == '/'));
    }
}
