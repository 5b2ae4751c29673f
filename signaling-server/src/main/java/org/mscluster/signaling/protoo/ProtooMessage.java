package org.mscluster.signaling.protoo;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.mscluster.signaling.json.Json;

/** One protoo message, as carried in one WebSocket text frame. */
public sealed interface ProtooMessage {

    /** {@code {"request":true,"id":N,"method":"m","data":{...}}} */
    record Request(long id, String method, JsonNode data) implements ProtooMessage {
        public Request {
            Objects.requireNonNull(method, "method");
            data = data == null || data.isNull() || data.isMissingNode() ? Json.object() : data;
        }
    }

    /**
     * {@code {"response":true,"id":N,"ok":true,"data":{...}}} or, when {@code ok} is false,
     * {@code {"response":true,"id":N,"ok":false,"errorCode":N,"errorReason":"text"}}.
     */
    record Response(long id, boolean ok, JsonNode data, int errorCode, String errorReason) implements ProtooMessage {
        public Response {
            data = ok && (data == null || data.isNull() || data.isMissingNode()) ? Json.object() : data;
        }

        public static Response success(long id, JsonNode data) {
            return new Response(id, true, data, 0, null);
        }

        public static Response error(long id, int errorCode, String errorReason) {
            return new Response(id, false, null, errorCode, errorReason == null ? "" : errorReason);
        }
    }

    /** {@code {"notification":true,"method":"m","data":{...}}} */
    record Notification(String method, JsonNode data) implements ProtooMessage {
        public Notification {
            Objects.requireNonNull(method, "method");
            data = data == null || data.isNull() || data.isMissingNode() ? Json.object() : data;
        }
    }
}
