package org.mscluster.mediasoup.producer;

/** A video producer's orientation, from the {@code urn:3gpp:video-orientation} header extension. */
public record ProducerVideoOrientation(boolean camera, boolean flip, int rotation) {
}
