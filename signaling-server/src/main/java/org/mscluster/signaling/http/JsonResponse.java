package org.mscluster.signaling.http;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;

/** A status and a body to be written as JSON. */
public record JsonResponse(HttpResponseStatus status, Object body) {

    public static JsonResponse ok(Object body) {
        return new JsonResponse(HttpResponseStatus.OK, body);
    }

    /** {@code {"error": reason, "status": code}}: the one error shape of every endpoint. */
    public static JsonResponse error(HttpResponseStatus status, String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", reason);
        body.put("status", status.code());
        return new JsonResponse(status, body);
    }
}
