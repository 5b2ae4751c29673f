package org.mscluster.signaling.admin;

import java.util.LinkedHashMap;
import java.util.Map;

/** The outcome of checking an admin request: a scope, or a refusal with its HTTP status and a safe reason. */
public sealed interface AdminAccess {

    record Granted(AdminScope scope) implements AdminAccess {
    }

    /** @param code a stable machine-readable code ({@code token_missing}, {@code token_not_admin}, …) */
    record Refused(int status, String code, String reason) implements AdminAccess {
        /** {@code {"error", "code", "status"}}: the error shape of every endpoint, with the code. */
        public Map<String, Object> body() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("error", reason);
            body.put("code", code);
            body.put("status", status);
            return body;
        }
    }
}
