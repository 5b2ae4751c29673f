package org.mscluster.mediasoup.errors;

/**
 * The object is closed, or its worker is gone (the Node layer's {@code InvalidStateError}); also
 * what every pending request fails with when the channel closes.
 */
public class InvalidStateError extends MediasoupException {

    public InvalidStateError(String message) {
        super(message);
    }
}
