package org.mscluster.signaling.dispatcher;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.mscluster.signaling.http.JsonEndpoint;
import org.mscluster.signaling.http.JsonResponse;

/**
 * {@code GET /api/dispatch?roomId=&peerId=&namespace=&region=&isp=&token=} on the dispatcher: {@code
 * {"url","nodeId","workerIndex"}}, or {@code {"error","code","status"}} with 400, 401/403 (token) or
 * 503 (no node can take the room, or Redis is unreachable).
 */
final class DispatchApiEndpoint implements JsonEndpoint {

    private final Dispatcher dispatcher;

    DispatchApiEndpoint(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public CompletionStage<JsonResponse> get(QueryStringDecoder query, RequestContext context) {
        DispatchQuery request = new DispatchQuery(first(query, "roomId"), first(query, "peerId"), first(query, "namespace"),
                first(query, "token"), first(query, "region"), first(query, "isp"), context.remoteAddress());
        return dispatcher.dispatch(request).thenApply(answer -> {
            if (answer instanceof DispatchAnswer.Routed routed) {
                return JsonResponse.ok(routed.body());
            }
            DispatchAnswer.Refused refused = (DispatchAnswer.Refused) answer;
            return new JsonResponse(refused.status(), refused.body());
        });
    }

    private static String first(QueryStringDecoder query, String name) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
