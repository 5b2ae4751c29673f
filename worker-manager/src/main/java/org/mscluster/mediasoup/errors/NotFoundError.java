package org.mscluster.mediasoup.errors;

/** The worker has no entity with the id a request named. */
public class NotFoundError extends MediasoupException {

    public NotFoundError(String message) {
        super(message);
    }
}
