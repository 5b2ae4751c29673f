package org.mscluster.mediasoup.errors;

/**
 * Base of every error the mediasoup API raises, so callers can catch the family at once and
 * still tell its members apart, as the Node layer's error classes allow.
 */
public class MediasoupException extends RuntimeException {

    public MediasoupException(String message) {
        super(message);
    }

    public MediasoupException(String message, Throwable cause) {
        super(message, cause);
    }
}
