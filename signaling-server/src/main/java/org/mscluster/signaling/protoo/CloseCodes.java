package org.mscluster.signaling.protoo;

/** WebSocket close codes the server sends, with what protoo-client does on each. */
public final class CloseCodes {

    /** Closed by the server on purpose: protoo-client does not reconnect. */
    public static final int CLOSED_BY_SERVER = 4000;
    /** The room lives elsewhere: the client reconnects to the URL of the preceding redirect notification. */
    public static final int REDIRECT = 4302;
    /** The client stopped answering pings, or the server is shutting down: the client may reconnect. */
    public static final int GOING_AWAY = 1001;
    /** A binary frame: protoo only speaks text. */
    public static final int UNSUPPORTED_DATA = 1003;
    /** A text frame that is not JSON. */
    public static final int INVALID_PAYLOAD = 1007;
    /** JSON that is not a protoo message and carries no id to answer. */
    public static final int POLICY_VIOLATION = 1008;
    /** A message over the size limit. */
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int INTERNAL_ERROR = 1011;
    /** No node can take the room now (all full, draining, or the directory unreachable): retry later. */
    public static final int TRY_AGAIN_LATER = 1013;

    private CloseCodes() {
    }
}
