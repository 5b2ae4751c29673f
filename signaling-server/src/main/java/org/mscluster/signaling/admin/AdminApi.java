package org.mscluster.signaling.admin;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.mscluster.cluster.command.ActionResult;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.signaling.http.HttpResponses;
import org.mscluster.signaling.http.HttpRoute;
import org.mscluster.signaling.http.JsonResponse;
import org.mscluster.signaling.http.RouteRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin API, the same on a standalone node and on a dispatcher (only the {@link ClusterSource}
 * and {@link AdminActions} differ):
 *
 * <ul>
 *   <li>{@code GET /api/cluster[?namespace=&region=]}: nodes, load, rooms, peers ({@link ClusterJson});
 *       {@code ?view=summary}: the same without each node's workers and rooms ({@link ClusterJson#summary});
 *   <li>{@code GET /api/nodes[?offset=0&limit=100&namespace=&region=]}: a page of the nodes, each with its
 *       workers and rooms as in {@code /api/cluster} ({@link ClusterJson#nodesPage});
 *   <li>{@code GET /api/nodes/{nodeId}}: that node as in {@code /api/cluster}, from its report alone
 *       ({@link ClusterJson#nodeDetail}); 404 for a node that is not live or not in the admin's scope;
 *   <li>{@code GET /api/rooms/{namespace}/{roomId}}: the room's node, worker, peers with producers;
 *   <li>{@code DELETE /api/rooms/{namespace}/{roomId}}: closes the room;
 *   <li>{@code DELETE /api/rooms/{namespace}/{roomId}/peers/{peerId}}: kicks the peer;
 *   <li>{@code POST /api/nodes/{nodeId}/drain}: the node takes no new rooms (operators only);
 *   <li>on a node, egress: {@code /api/rooms/{namespace}/{roomId}/egress} and {@code /api/egress/{egressId}} ({@link EgressEndpoints}).
 * </ul>
 *
 * Path segments are percent-decoded one by one, so a room id with a slash is sent as {@code %2F}.
 * Every answer is JSON; errors are {@code {"error","status"[,"code"]}} with 400, 401, 403, 404 or 405.
 */
public final class AdminApi {

    private static final Logger LOG = LoggerFactory.getLogger(AdminApi.class);
    /** Nodes per page of {@code GET /api/nodes} unless {@code limit} says otherwise, and the most it may say. */
    static final int DEFAULT_PAGE = 100;
    static final int MAX_PAGE = 1_000;

    private final AdminAuth auth;
    private final ClusterSource source;
    private final AdminActions actions;
    private final Clock clock;
    /** A node's egresses; null where there are none (a dispatcher). */
    private final EgressEndpoints egress;

    public AdminApi(AdminAuth auth, ClusterSource source, AdminActions actions, Clock clock) {
        this(auth, source, actions, clock, null);
    }

    /** @param egress {@code /api/egress} and {@code /api/rooms/…/egress}: a node's own, a dispatcher's relay; null for none */
    public AdminApi(AdminAuth auth, ClusterSource source, AdminActions actions, Clock clock, EgressEndpoints egress) {
        this.auth = auth;
        this.source = source;
        this.actions = actions;
        this.clock = clock;
        this.egress = egress;
    }

    /** The routes: {@code /api/cluster}, {@code /api/rooms}, {@code /api/nodes}, {@code /api/egress}. */
    public List<HttpRoute> routes() {
        return List.of(route("/api/cluster", this::cluster), route("/api/rooms", this::rooms), route("/api/nodes", this::nodes),
                route("/api/egress", this::egress));
    }

    private CompletionStage<JsonResponse> egress(RouteRequest request, AdminScope scope) {
        if (egress == null) {
            return done(error(HttpResponseStatus.NOT_FOUND, "egress is served by the node that runs it"));
        }
        return egress.egress(request, scope);
    }

    public AdminAuth auth() {
        return auth;
    }

    private interface Handler {
        CompletionStage<JsonResponse> handle(RouteRequest request, AdminScope scope);
    }

    private HttpRoute route(String path, Handler handler) {
        return new HttpRoute() {
            @Override
            public String path() {
                return path;
            }

            @Override
            public void handle(ChannelHandlerContext ctx, FullHttpRequest http) {
                RouteRequest request = RouteRequest.of(ctx, http);
                AdminAccess access = auth.check(request.bearerToken(), request.remoteAddress());
                if (access instanceof AdminAccess.Refused refused) {
                    HttpResponses.sendJson(ctx, request.head(), new JsonResponse(HttpResponseStatus.valueOf(refused.status()),
                            refused.body()));
                    return;
                }
                AdminScope scope = ((AdminAccess.Granted) access).scope();
                CompletionStage<JsonResponse> answer;
                try {
                    answer = handler.handle(request, scope);
                } catch (IllegalArgumentException e) {
                    answer = java.util.concurrent.CompletableFuture.completedFuture(error(HttpResponseStatus.BAD_REQUEST,
                            e.getMessage()));
                }
                answer.whenComplete((response, failure) -> {
                    if (failure != null) {
                        LOG.warn("{} {} failed", request.method(), request.path(), failure);
                        response = error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal error");
                    }
                    HttpResponses.sendJson(ctx, request.head(), response);
                });
            }
        };
    }

    private CompletionStage<JsonResponse> cluster(RouteRequest request, AdminScope scope) {
        if (request.segments().size() != 2) {
            return done(error(HttpResponseStatus.NOT_FOUND, "not found: " + request.path()));
        }
        if (!request.isRead()) {
            return done(notAllowed(request, "GET"));
        }
        String namespace = request.parameter("namespace");
        if (namespace != null && !namespace.isBlank() && !scope.sees(namespace)) {
            return done(forbidden(namespace));
        }
        String view = request.parameter("view");
        boolean summary = "summary".equals(view);
        if (view != null && !view.isBlank() && !summary && !"full".equals(view)) {
            return done(error(HttpResponseStatus.BAD_REQUEST, "view must be full or summary, not '" + view + "'"));
        }
        String region = request.parameter("region");
        if (summary) {
            // From the nodes' totals: a summary of a million rooms reads no room list.
            return source.summaries().thenApply(summaries -> JsonResponse.ok(ClusterJson.summaryOf(
                    ClusterJson.visibleSummaries(summaries, scope, namespace, region), scope, clock.instant())));
        }
        return source.reports().thenApply(reports -> JsonResponse.ok(ClusterJson.cluster(
                ClusterJson.visible(reports, scope, namespace, region), scope, clock.instant())));
    }

    /** {@code GET /api/nodes[?offset=0&limit=100&namespace=&region=]}: a page of {@code /api/cluster}'s nodes. */
    private CompletionStage<JsonResponse> nodePage(RouteRequest request, AdminScope scope) {
        if (!request.isRead()) {
            return done(notAllowed(request, "GET"));
        }
        String namespace = request.parameter("namespace");
        if (namespace != null && !namespace.isBlank() && !scope.sees(namespace)) {
            return done(forbidden(namespace));
        }
        int offset = intParameter(request, "offset", 0, 0, Integer.MAX_VALUE);
        int limit = intParameter(request, "limit", DEFAULT_PAGE, 1, MAX_PAGE);
        String region = request.parameter("region");
        return NodePages.page(source, scope, namespace, region, offset, limit, clock.instant()).thenApply(JsonResponse::ok);
    }

    /** @throws IllegalArgumentException (a 400) when the parameter is not an integer within bounds */
    private static int intParameter(RouteRequest request, String name, int absent, int min, int max) {
        String value = request.parameter(name);
        if (value == null || value.isBlank()) {
            return absent;
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be an integer, not '" + value + "'");
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException(name + " must be within " + min + ".." + max + ", not " + n);
        }
        return n;
    }

    private CompletionStage<JsonResponse> rooms(RouteRequest request, AdminScope scope) {
        List<String> s = request.segments();
        boolean room = s.size() == 4;
        boolean peer = s.size() == 6 && s.get(4).equals("peers");
        boolean dump = s.size() == 5 && s.get(4).equals("dump");
        boolean egresses = s.size() == 5 && s.get(4).equals("egress");
        if (!room && !peer && !dump && !egresses) {
            return done(error(HttpResponseStatus.NOT_FOUND, "expected /api/rooms/{namespace}/{roomId},"
                    + " /api/rooms/{namespace}/{roomId}/peers/{peerId}, /api/rooms/{namespace}/{roomId}/dump"
                    + " or /api/rooms/{namespace}/{roomId}/egress"));
        }
        RoomKey key = RoomKey.of(s.get(2), s.get(3));
        if (!scope.sees(key.namespace())) {
            return done(forbidden(key.namespace()));
        }
        if (egresses) {
            if (egress == null) {
                return done(error(HttpResponseStatus.NOT_FOUND, "egress is served by the node that hosts the room"));
            }
            return egress.room(request, scope, key);
        }
        if (dump) {
            if (!request.isRead()) {
                return done(notAllowed(request, "GET"));
            }
            return actions.routerDump(key).thenApply(found -> found.map(JsonResponse::ok).orElseGet(() -> error(
                    HttpResponseStatus.NOT_FOUND, "room " + key.roomId() + " of namespace " + key.namespace()
                            + " has no router here (a node answers for its own rooms and legs)")));
        }
        if (peer) {
            if (!HttpMethod.DELETE.equals(request.method())) {
                return done(notAllowed(request, "DELETE"));
            }
            String peerId = s.get(5);
            LOG.info("admin {}: kick peer {} of room {}", scope.subject(), peerId, key);
            return actions.kick(key, peerId).thenApply(AdminApi::result);
        }
        if (request.isRead()) {
            return source.reportsOf(key).thenApply(reports -> ClusterJson.roomDetail(reports, key).map(JsonResponse::ok)
                    .orElseGet(() -> error(HttpResponseStatus.NOT_FOUND, "no room " + key.roomId() + " in namespace "
                            + key.namespace())));
        }
        if (HttpMethod.DELETE.equals(request.method())) {
            LOG.info("admin {}: close room {}", scope.subject(), key);
            return actions.closeRoom(key).thenApply(AdminApi::result);
        }
        return done(notAllowed(request, "GET, DELETE"));
    }

    private CompletionStage<JsonResponse> nodes(RouteRequest request, AdminScope scope) {
        List<String> s = request.segments();
        if (s.size() == 2) {
            return nodePage(request, scope);
        }
        if (s.size() == 3) {
            return node(request, scope, s.get(2));
        }
        if (s.size() != 4 || !s.get(3).equals("drain")) {
            return done(error(HttpResponseStatus.NOT_FOUND, "expected GET /api/nodes, GET /api/nodes/{nodeId}"
                    + " or POST /api/nodes/{nodeId}/drain"));
        }
        if (!HttpMethod.POST.equals(request.method())) {
            return done(notAllowed(request, "POST"));
        }
        if (!scope.isOperator()) {
            return done(new JsonResponse(HttpResponseStatus.FORBIDDEN, Map.of("error",
                    "draining a node needs an operator token: a node serves every namespace", "code", "operator_only",
                    "status", 403)));
        }
        LOG.info("admin {}: drain node {}", scope.subject(), s.get(2));
        return actions.drain(s.get(2)).thenApply(AdminApi::result);
    }

    /**
     * {@code GET /api/nodes/{nodeId}}: reads that node's report only. A namespace admin's view of a node
     * that does not serve its namespace is a 404, as for a node that does not exist: whether it exists is
     * not the admin's business.
     */
    private CompletionStage<JsonResponse> node(RouteRequest request, AdminScope scope, String nodeId) {
        if (!request.isRead()) {
            return done(notAllowed(request, "GET"));
        }
        return source.reportsOfNodes(List.of(nodeId)).thenApply(reports -> ClusterJson.visible(reports, scope, null, null).stream()
                .filter(r -> !r.identity().isMediaHost())
                .findFirst()
                .map(report -> JsonResponse.ok(ClusterJson.nodeDetail(report, scope, clock.instant())))
                .orElseGet(() -> error(HttpResponseStatus.NOT_FOUND, "no live node " + nodeId)));
    }

    private static JsonResponse result(ActionResult result) {
        if (result.ok()) {
            return JsonResponse.ok(Map.of("ok", true, "message", result.message()));
        }
        return error(HttpResponseStatus.valueOf(result.status()), result.message());
    }

    private static JsonResponse forbidden(String namespace) {
        return new JsonResponse(HttpResponseStatus.FORBIDDEN, Map.of("error", "the token does not allow namespace '" + namespace
                + "'", "code", "token_foreign_namespace", "status", 403));
    }

    private static JsonResponse notAllowed(RouteRequest request, String allowed) {
        return error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method " + request.method() + " not allowed on " + request.path()
                + " (allowed: " + allowed + ")");
    }

    private static JsonResponse error(HttpResponseStatus status, String reason) {
        return JsonResponse.error(status, reason);
    }

    private static <T> CompletionStage<T> done(T value) {
        return java.util.concurrent.CompletableFuture.completedFuture(value);
    }
}
