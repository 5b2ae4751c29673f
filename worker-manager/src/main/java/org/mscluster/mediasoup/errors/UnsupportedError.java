package org.mscluster.mediasoup.errors;

/** A feature or codec that mediasoup does not support (the Node layer's {@code UnsupportedError}). */
public class UnsupportedError extends MediasoupException {

    public UnsupportedError(String message) {
        super(message);
    }
}
