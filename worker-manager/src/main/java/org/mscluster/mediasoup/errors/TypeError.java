package org.mscluster.mediasoup.errors;

/**
 * Invalid arguments: raised by the Java side's own validation (ortc) and mapped from the worker's
 * {@code TypeError} responses, as the Node layer does.
 */
public class TypeError extends MediasoupException {

    public TypeError(String message) {
        super(message);
    }
}
