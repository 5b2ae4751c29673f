package org.mscluster.signaling.net;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Arrays;
import java.util.List;
import org.mscluster.cluster.model.Names;
import org.mscluster.signaling.access.AccessDecision;
import org.mscluster.signaling.access.AccessGuard;
import org.mscluster.signaling.http.HttpResponses;
import org.mscluster.signaling.http.HttpRouter;
import org.mscluster.signaling.http.JsonResponse;
import org.mscluster.signaling.protoo.ConnectionRequest;
import org.mscluster.signaling.protoo.ProtooFrameHandler;

/**
 * Applies PROTOCOL.md's handshake rules to WebSocket upgrade requests before Netty accepts them:
 * path {@code /}, {@code roomId} and {@code peerId} present (400 otherwise), subprotocol {@code
 * protoo} offered (403 otherwise; Netty would accept the socket without it and browsers would then
 * fail), then the {@link AccessGuard} (a refused token: 401/403 JSON with its code). Accepted requests
 * leave their parsed query on the channel for the protoo handler.
 */
public final class HandshakeGuard extends ChannelInboundHandlerAdapter {

    static final String SUBPROTOCOL = "protoo";

    private final AccessGuard access;

    public HandshakeGuard() {
        this(AccessGuard.OPEN);
    }

    public HandshakeGuard(AccessGuard access) {
        this.access = access;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof FullHttpRequest request && HttpRouter.isWebSocketUpgrade(request)) {
            String problem = check(ctx, request);
            if (problem != null) {
                request.release();
                return;
            }
        }
        ctx.fireChannelRead(msg);
    }

    /** Rejects the request (and returns why) or records its connection request (and returns null). */
    private String check(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        if (!"/".equals(query.path())) {
            return reject(ctx, request, HttpResponseStatus.NOT_FOUND, "WebSocket path must be / (got " + query.path() + ")");
        }
        String roomId = first(query, "roomId");
        String peerId = first(query, "peerId");
        if (roomId == null || roomId.isEmpty() || peerId == null || peerId.isEmpty()) {
            return reject(ctx, request, HttpResponseStatus.BAD_REQUEST, "Connection request without roomId and/or peerId");
        }
        try {
            Names.requireRoomId(roomId);
            Names.requireRoomId(peerId);
        } catch (IllegalArgumentException e) {
            return reject(ctx, request, HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
        String namespace = first(query, "namespace");
        if (namespace != null && !namespace.isEmpty()) {
            try {
                Names.requireSimple(namespace, "namespace");
            } catch (IllegalArgumentException e) {
                return reject(ctx, request, HttpResponseStatus.BAD_REQUEST, e.getMessage());
            }
        }
        if (!offersProtoo(request)) {
            return reject(ctx, request, HttpResponseStatus.FORBIDDEN, "WebSocket subprotocol 'protoo' required");
        }
        AccessDecision decision = access.checkJoin(namespace == null || namespace.isEmpty()
                ? ConnectionRequest.DEFAULT_NAMESPACE : namespace, roomId, peerId, first(query, "token"));
        if (!decision.allowed()) {
            HttpResponses.sendJson(ctx, request, new JsonResponse(decision.status(),
                    decision.errorBody()));
            return decision.detail();
        }
        ConnectionRequest connection = new ConnectionRequest(roomId, peerId, namespace, first(query, "token"),
                first(query, "region"), first(query, "isp"), consumerReplicas(first(query, "consumerReplicas")),
                request.headers().get(HttpHeaderNames.HOST), ctx.channel().remoteAddress());
        ctx.channel().attr(ProtooFrameHandler.CONNECTION_REQUEST).set(connection);
        return null;
    }

    private static String reject(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status, String reason) {
        HttpResponses.sendError(ctx, request, status, reason);
        return reason;
    }

    private static boolean offersProtoo(FullHttpRequest request) {
        List<String> offered = request.headers().getAll(HttpHeaderNames.SEC_WEBSOCKET_PROTOCOL);
        return offered.stream()
                .flatMap(header -> Arrays.stream(header.split(",")))
                .map(String::trim)
                .anyMatch(SUBPROTOCOL::equals);
    }

    private static String first(QueryStringDecoder query, String name) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** The demo app sends the text {@code undefined} when it has no value: any bad number is 0. */
    static int consumerReplicas(String value) {
        if (value == null) {
            return 0;
        }
        try {
            return Math.max(0, Math.min(Integer.parseInt(value.trim()), 32));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
