package org.mscluster.signaling.protoo;

/**
 * A protoo error response, from either side: thrown by request handlers to choose the {@code
 * errorCode} the client sees, and used to fail server→client requests that the client rejected,
 * that timed out or whose peer closed.
 */
public class ProtooError extends RuntimeException {

    public static final int BAD_REQUEST = 400;
    public static final int FORBIDDEN = 403;
    public static final int NOT_FOUND = 404;
    public static final int TIMEOUT = 408;
    public static final int TOO_MANY_REQUESTS = 429;
    public static final int INTERNAL = 500;

    private final int code;

    public ProtooError(int code, String reason) {
        super(reason, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }

    public String reason() {
        return getMessage();
    }

    public static ProtooError badRequest(String reason) {
        return new ProtooError(BAD_REQUEST, reason);
    }

    public static ProtooError notFound(String reason) {
        return new ProtooError(NOT_FOUND, reason);
    }
}
