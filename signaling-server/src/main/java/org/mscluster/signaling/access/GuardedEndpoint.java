package org.mscluster.signaling.access;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.mscluster.cluster.model.RoomKey;
import org.mscluster.signaling.http.JsonEndpoint;
import org.mscluster.signaling.http.JsonResponse;

/**
 * Puts an {@link AccessGuard} in front of an endpoint whose query names a room and a peer ({@code
 * /api/dispatch}): requests without {@code roomId} and {@code peerId} go through untouched (the
 * endpoint answers 400 itself), refused ones get 401/403 JSON with the refusal's code.
 */
public final class GuardedEndpoint implements JsonEndpoint {

    private final AccessGuard guard;
    private final JsonEndpoint endpoint;

    public GuardedEndpoint(AccessGuard guard, JsonEndpoint endpoint) {
        this.guard = guard;
        this.endpoint = endpoint;
    }

    @Override
    public CompletionStage<JsonResponse> get(QueryStringDecoder query, RequestContext context) {
        String roomId = first(query, "roomId");
        String peerId = first(query, "peerId");
        if (roomId != null && !roomId.isEmpty() && peerId != null && !peerId.isEmpty()) {
            String namespace = first(query, "namespace");
            AccessDecision decision = guard.checkJoin(
                    namespace == null || namespace.isEmpty() ? RoomKey.DEFAULT_NAMESPACE : namespace, roomId, peerId,
                    first(query, "token"));
            if (!decision.allowed()) {
                return CompletableFuture.completedFuture(new JsonResponse(decision.status(), decision.errorBody()));
            }
        }
        return endpoint.get(query, context);
    }

    /** The error body for a refusal, for endpoints that check access themselves. */
    public static JsonResponse refusal(AccessDecision decision) {
        return new JsonResponse(decision.status(), decision.errorBody());
    }

    private static String first(QueryStringDecoder query, String name) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
