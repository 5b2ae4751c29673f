package org.mscluster.mediasoup.observer;

/** Where an RTP observer lives in the worker: its router (which closes it) and its own id. */
public record RtpObserverInternal(String routerId, String rtpObserverId) {
}
