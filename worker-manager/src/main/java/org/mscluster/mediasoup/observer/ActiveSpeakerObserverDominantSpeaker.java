package org.mscluster.mediasoup.observer;

import org.mscluster.mediasoup.producer.Producer;

/** Payload of a {@code dominantspeaker} event: the producer that now speaks the most. */
public record ActiveSpeakerObserverDominantSpeaker(Producer producer) {
}
