package org.mscluster.signaling.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/** {@code GET /health}: {@code {"status":"up"|"draining", ...}}, answered only once the node serves. */
public final class HealthEndpoint implements JsonEndpoint {

    private final Supplier<Map<String, Object>> status;

    public HealthEndpoint(Supplier<Map<String, Object>> status) {
        this.status = status;
    }

    @Override
    public CompletionStage<JsonResponse> get(QueryStringDecoder query, RequestContext context) {
        return CompletableFuture.completedFuture(JsonResponse.ok(status.get()));
    }
}
