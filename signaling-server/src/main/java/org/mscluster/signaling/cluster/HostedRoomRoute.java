package org.mscluster.signaling.cluster;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.signaling.admin.AdminAccess;
import org.mscluster.signaling.admin.AdminAuth;
import org.mscluster.signaling.http.HttpResponses;
import org.mscluster.signaling.http.HttpRoute;
import org.mscluster.signaling.http.JsonResponse;
import org.mscluster.signaling.http.RouteRequest;

/**
 * {@code GET /cluster/rooms/{namespace}/{roomId}}: whether this node hosts the room now, by its own
 * rooms, without the store: {@code 200 {"hosted":true,"workerIndex":n}} or {@code 404
 * {"hosted":false}}. Placers ask it of a room's owner that dropped out of the registry
 * ({@link HttpOwnerProbe}): a node cut off from Redis still answers it. It tells only whether a room of
 * that name is open here; nothing about its peers.
 *
 * <p>With namespace secrets configured it wants an admin token that sees the room's namespace (the
 * probe mints one with that namespace's secret), so room names are not told to strangers. Without
 * secrets any client may join any room, so the answer protects nothing and the route stays open:
 * nodes and dispatchers on other hosts must still reach it.
 */
public final class HostedRoomRoute implements HttpRoute {

    public static final String PATH = "/cluster/rooms";

    private final Function<RoomKey, Optional<Integer>> hostedWorker;
    private final AdminAuth auth;

    public HostedRoomRoute(Function<RoomKey, Optional<Integer>> hostedWorker, AdminAuth auth) {
        this.hostedWorker = hostedWorker;
        this.auth = auth;
    }

    @Override
    public String path() {
        return PATH;
    }

    @Override
    public void handle(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!HttpMethod.GET.equals(request.method())) {
            HttpResponses.sendError(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "only GET on " + PATH);
            return;
        }
        List<String> parts = List.of(new QueryStringDecoder(request.uri()).path().substring(PATH.length()).split("/", -1));
        if (parts.size() != 3 || !parts.get(0).isEmpty()) {
            HttpResponses.sendError(ctx, request, HttpResponseStatus.NOT_FOUND, "expected " + PATH + "/{namespace}/{roomId}");
            return;
        }
        RoomKey room;
        try {
            room = RoomKey.of(QueryStringDecoder.decodeComponent(parts.get(1)), QueryStringDecoder.decodeComponent(parts.get(2)));
        } catch (IllegalArgumentException e) {
            HttpResponses.sendError(ctx, request, HttpResponseStatus.BAD_REQUEST, e.getMessage());
            return;
        }
        if (!auth.openOnLoopback()) {
            RouteRequest routed = RouteRequest.of(ctx, request);
            AdminAccess access = auth.check(routed.bearerToken(), routed.remoteAddress());
            if (access instanceof AdminAccess.Refused refused) {
                HttpResponses.sendJson(ctx, request, new JsonResponse(HttpResponseStatus.valueOf(refused.status()),
                        refused.body()));
                return;
            }
            if (!((AdminAccess.Granted) access).scope().sees(room.namespace())) {
                HttpResponses.sendError(ctx, request, HttpResponseStatus.FORBIDDEN,
                        "the token's namespace is not the room's");
                return;
            }
        }
        Optional<Integer> worker = hostedWorker.apply(room);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("hosted", worker.isPresent());
        worker.ifPresent(w -> body.put("workerIndex", w));
        HttpResponses.sendJson(ctx, request, new JsonResponse(worker.isPresent() ? HttpResponseStatus.OK
                : HttpResponseStatus.NOT_FOUND, body));
    }
}
