package org.mscluster.signaling.access;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Whether a client may join a room, and if not, the HTTP status and machine-readable code to answer
 * with: 401 "present a (valid) token", 403 "this token does not allow that".
 *
 * @param code a stable code such as {@code token_expired}; null when allowed
 * @param detail a human-readable explanation, safe to show the client; null when allowed
 */
public record AccessDecision(boolean allowed, HttpResponseStatus status, String code, String detail) {

    private static final AccessDecision ALLOWED = new AccessDecision(true, HttpResponseStatus.OK, null, null);

    public AccessDecision {
        Objects.requireNonNull(status, "status");
        if (!allowed) {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(detail, "detail");
        }
    }

    public static AccessDecision allow() {
        return ALLOWED;
    }

    public static AccessDecision refuse(int httpStatus, String code, String detail) {
        return new AccessDecision(false, HttpResponseStatus.valueOf(httpStatus), code, detail);
    }

    /** {@code {"error": detail, "code": code, "status": N}}: the JSON error shape, with the code added. */
    public Map<String, Object> errorBody() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", detail);
        body.put("code", code);
        body.put("status", status.code());
        return body;
    }
}
