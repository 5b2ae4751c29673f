package org.mscluster.signaling.dispatcher;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** Where a client goes, or why it goes nowhere. */
public sealed interface DispatchAnswer {

    /**
     * @param url the node's WebSocket URL with the client's query, as in the redirect notification
     * @param newlyPlaced true when this request placed the room (its first client)
     */
    record Routed(String url, String nodeId, int workerIndex, boolean newlyPlaced) implements DispatchAnswer {
        /** {@code {"url","nodeId","workerIndex"}}: the body of {@code /api/dispatch}. */
        public Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("url", url);
            body.put("nodeId", nodeId);
            body.put("workerIndex", workerIndex);
            return body;
        }
    }

    /**
     * @param code a stable machine-readable code: {@code bad_request}, {@code token_expired}, {@code
     *     no_node_available}, {@code cluster_unavailable}, …
     */
    record Refused(HttpResponseStatus status, String code, String detail) implements DispatchAnswer {
        /** {@code {"error","code","status"}}: the JSON error shape of every endpoint, with the code. */
        public Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", detail);
            body.put("code", code);
            body.put("status", status.code());
            return body;
        }

        /** 5xx: the cluster's fault, worth retrying. */
        public boolean retryable() {
            return status.code() >= 500;
        }
    }
}
