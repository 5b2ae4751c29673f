package org.mscluster.client.protoo;

/** A protoo error response (its errorCode and errorReason), a refused handshake (its HTTP status) or a lost socket (code 0). */
public final class ProtooException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int code;

    public ProtooException(int code, String reason) {
        super(reason);
        this.code = code;
    }

    /** The protoo errorCode or the HTTP status of a refused handshake; 0 when the connection itself failed. */
    public int code() {
        return code;
    }
}
