package org.mscluster.signaling.whip;

import com.auth0.jwt.JWT;
import com.auth0.jwt.exceptions.JWTDecodeException;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.mscluster.signaling.http.HttpResponses;
import org.mscluster.signaling.http.RouteRequest;
import org.mscluster.signaling.json.Json;

/**
 * What the WHIP/WHEP endpoints of nodes ({@link WhipRoute}) and of dispatchers share: the peer id a
 * session takes, and responses with the CORS headers pages of other origins need.
 */
public final class WhipHttp {

    public static final String SDP = "application/sdp";

    private WhipHttp() {
    }

    /**
     * {@code ?peerId=}, else the token's subject (a token is for one peer), else a fresh id
     * ({@code whip-…} or {@code whep-…}).
     */
    public static String peerId(RouteRequest req, String token, String prefix) {
        String given = req.parameter("peerId");
        if (given != null && !given.isEmpty()) {
            return given;
        }
        if (token != null && !token.isEmpty()) {
            try {
                String subject = JWT.decode(token).getSubject();
                if (subject != null) {
                    return subject;
                }
            } catch (JWTDecodeException e) {
                // The guard refuses it with the right code.
            }
        }
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** A response with the CORS headers every WHIP/WHEP answer needs for pages of other origins. */
    public static FullHttpResponse response(HttpResponseStatus status, String contentType, String body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                body == null ? Unpooled.EMPTY_BUFFER : Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
        if (contentType != null) {
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "OPTIONS, POST, PATCH, DELETE");
        response.headers().set(HttpHeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Authorization, Content-Type, If-Match");
        response.headers().set(HttpHeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, "Location, Link, ETag");
        return response;
    }

    /** {@code {"error","status"}} with {@code status}. */
    public static void error(ChannelHandlerContext ctx, RouteRequest req, int status, String reason) {
        HttpResponses.send(ctx, req.head(), response(HttpResponseStatus.valueOf(status), "application/json; charset=utf-8",
                Json.write(Map.of("error", reason, "status", status))));
    }

    /** 405 with {@code Allow}. */
    public static void notAllowed(ChannelHandlerContext ctx, RouteRequest req, String allowed) {
        FullHttpResponse response = response(HttpResponseStatus.METHOD_NOT_ALLOWED, "application/json; charset=utf-8",
                Json.write(Map.of("error", "method " + req.method() + " not allowed (allowed: " + allowed + ")", "status", 405)));
        response.headers().set(HttpHeaderNames.ALLOW, allowed);
        HttpResponses.send(ctx, req.head(), response);
    }

    /** The endpoint's answer to {@code OPTIONS}: the methods it takes, the content type it accepts. */
    public static FullHttpResponse options() {
        FullHttpResponse response = response(HttpResponseStatus.NO_CONTENT, null, null);
        response.headers().set(HttpHeaderNames.ALLOW, "OPTIONS, POST");
        response.headers().set("Accept-Post", SDP);
        return response;
    }
}
