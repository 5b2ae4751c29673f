package org.mscluster.signaling.protoo;

import java.util.OptionalLong;

/**
 * A text frame that is not a protoo message. When the frame still carried a usable request id the
 * peer can answer it with an error response; otherwise the only clean answer is closing the socket.
 */
public final class MalformedMessageException extends Exception {

    private final transient Long requestId;
    private final boolean tooDeep;

    public MalformedMessageException(String message, Long requestId) {
        this(message, requestId, false);
    }

    MalformedMessageException(String message, Long requestId, boolean tooDeep) {
        super(message, null, false, false);
        this.requestId = requestId;
        this.tooDeep = tooDeep;
    }

    /** Whether it was refused for nesting deeper than the codec reads. */
    public boolean tooDeep() {
        return tooDeep;
    }

    /** The id of a request that can still be answered with an error. */
    public OptionalLong requestId() {
        return requestId == null ? OptionalLong.empty() : OptionalLong.of(requestId);
    }
}
