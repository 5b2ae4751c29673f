package org.mscluster.mediasoup;

/** Payload of a {@code dominantspeaker} event: the producer that now speaks the most. */
public record ActiveSpeakerObserverDominantSpeaker(Producer producer) {
}
