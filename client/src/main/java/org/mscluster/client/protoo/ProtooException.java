package org.mscluster.client.protoo;

/**
 * A protoo error response (its errorCode and errorReason), a refused handshake (its HTTP status), a request
 * that got no response in time, or a connection that failed or was lost (code 0). {@link #kind()} says which,
 * for callers that count failures by cause (the soak benchmark) rather than only report them.
 */
public final class ProtooException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What failed. */
    public enum Kind {
        /** The server answered the request with an error: {@link #code()} is its errorCode. */
        RESPONSE,
        /** The server refused the WebSocket handshake: {@link #code()} is the HTTP status. */
        REFUSED,
        /** No response within the request timeout. */
        TIMEOUT,
        /** The connection could not be opened, or closed with the request unanswered. */
        CONNECTION
    }

    private final Kind kind;
    private final int code;

    /** An error response when {@code code} is not 0, else a failed connection. */
    public ProtooException(int code, String reason) {
        this(code == 0 ? Kind.CONNECTION : Kind.RESPONSE, code, reason);
    }

    public ProtooException(Kind kind, int code, String reason) {
        this(kind, code, reason, null);
    }

    /** With the failure underneath (a refused connection's {@code ConnectException}), for callers that sort by it. */
    public ProtooException(Kind kind, int code, String reason, Throwable cause) {
        super(reason, cause);
        this.kind = kind;
        this.code = code;
    }

    public Kind kind() {
        return kind;
    }

    /** The protoo errorCode or the HTTP status of a refused handshake; 0 when the connection itself failed or timed out. */
    public int code() {
        return code;
    }
}
