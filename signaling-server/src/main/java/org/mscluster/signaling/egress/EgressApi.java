package org.mscluster.signaling.egress;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.signaling.admin.AdminScope;
import org.mscluster.signaling.admin.EgressEndpoints;
import org.mscluster.signaling.http.JsonResponse;
import org.mscluster.signaling.http.RouteRequest;
import org.mscluster.signaling.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The egress part of the admin API (the admin API checks the token, then hands the request here):
 *
 * <ul>
 *   <li>{@code POST /api/rooms/{namespace}/{roomId}/egress} with an {@link EgressRequest} →
 *       {@code 201 {"egressId","status":"starting"}};
 *   <li>{@code GET /api/rooms/{namespace}/{roomId}/egress} → {@code {"egresses":[…]}};
 *   <li>{@code GET /api/egress/{egressId}} → the egress ({@link Egress#json()}; one this node started on an
 *       egress-only node as well);
 *   <li>{@code DELETE /api/egress/{egressId}} → stops it; answers once it is stopping, with its status.
 * </ul>
 */
public final class EgressApi implements EgressEndpoints {

    private static final Logger LOG = LoggerFactory.getLogger(EgressApi.class);

    private final EgressManager manager;

    public EgressApi(EgressManager manager) {
        this.manager = manager;
    }

    @Override
    public CompletionStage<JsonResponse> room(RouteRequest request, AdminScope scope, RoomKey room) {
        if (request.isRead()) {
            List<Map<String, Object>> list = manager.listAll(room).stream().map(Egress::json).toList();
            return done(JsonResponse.ok(Map.of("egresses", list)));
        }
        if (!HttpMethod.POST.equals(request.method())) {
            return done(JsonResponse.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method " + request.method()
                    + " not allowed on " + request.path() + " (allowed: GET, POST)"));
        }
        EgressRequest egress;
        try {
            JsonNode body = Json.MAPPER.readTree(request.body());
            egress = EgressRequest.parse(body);
        } catch (IOException e) {
            return done(JsonResponse.error(HttpResponseStatus.BAD_REQUEST, "the body is not JSON"));
        } catch (IllegalArgumentException e) {
            return done(JsonResponse.error(HttpResponseStatus.BAD_REQUEST, e.getMessage()));
        }
        LOG.info("admin {}: start {} egress of room {}", scope.subject(), egress.type(), room);
        return start(room, egress).thenApply(started -> {
            if (started instanceof Egress session) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("egressId", session.id());
                // What it is as it is created; a refused RTMP server can fail it before this answer is written.
                body.put("status", EgressStatus.STARTING.value());
                return new JsonResponse(HttpResponseStatus.CREATED, body);
            }
            EgressManager.Refused refused = (EgressManager.Refused) started;
            return JsonResponse.error(HttpResponseStatus.valueOf(refused.status()), refused.getMessage());
        });
    }

    /** Starts it, or the refusal (never a failed stage for a refusal). */
    public CompletionStage<Object> start(RoomKey room, EgressRequest egress) {
        try {
            return manager.begin(room, egress).<Object>thenApply(session -> session).exceptionally(EgressApi::refusal);
        } catch (EgressManager.Refused refused) {
            return CompletableFuture.completedFuture(refused);
        }
    }

    private static Object refusal(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof EgressManager.Refused refused) {
            return refused;
        }
        throw error instanceof CompletionException c ? c : new CompletionException(error);
    }

    @Override
    public CompletionStage<JsonResponse> egress(RouteRequest request, AdminScope scope) {
        List<String> s = request.segments();
        if (s.size() != 3) {
            return done(JsonResponse.error(HttpResponseStatus.NOT_FOUND, "expected /api/egress/{egressId}"));
        }
        Egress egress = manager.lookup(s.get(2)).filter(e -> scope.sees(e.room().namespace())).orElse(null);
        if (egress == null) {
            return done(JsonResponse.error(HttpResponseStatus.NOT_FOUND, "no egress " + s.get(2)));
        }
        if (request.isRead()) {
            return done(JsonResponse.ok(egress.json()));
        }
        if (HttpMethod.DELETE.equals(request.method())) {
            LOG.info("admin {}: stop egress {}", scope.subject(), egress.id());
            egress.stop("stopped by an admin");
            return done(JsonResponse.ok(egress.json()));
        }
        return done(JsonResponse.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method " + request.method() + " not allowed on "
                + request.path() + " (allowed: GET, DELETE)"));
    }

    private static <T> CompletionStage<T> done(T value) {
        return CompletableFuture.completedFuture(value);
    }
}
