package org.mscluster.signaling.whip;

/** A WHIP/WHEP request that fails with an HTTP status and a message for the client. */
final class WhipException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    final int status;

    WhipException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }
}
