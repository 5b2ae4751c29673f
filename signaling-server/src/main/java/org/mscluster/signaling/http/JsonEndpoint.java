package org.mscluster.signaling.http;

import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.concurrent.CompletionStage;

/**
 * A GET endpoint answering JSON. Asynchronous because answers may come from a cluster store
 * (Redis) that must never be waited on from an event loop.
 */
@FunctionalInterface
public interface JsonEndpoint {
    CompletionStage<JsonResponse> get(QueryStringDecoder query, RequestContext context);

    /**
     * What an endpoint may need of the request beyond its query.
     *
     * @param remoteAddress the client's IP literal (for locating it by address), or null
     */
    record RequestContext(String host, boolean secure, String remoteAddress) {
        public RequestContext(String host, boolean secure) {
            this(host, secure, null);
        }
    }
}
