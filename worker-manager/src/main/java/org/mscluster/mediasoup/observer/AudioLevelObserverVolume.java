package org.mscluster.mediasoup.observer;

import org.mscluster.mediasoup.producer.Producer;

/** One entry of a {@code volumes} event: a producer and its average volume in dBvo (-127 to 0). */
public record AudioLevelObserverVolume(Producer producer, int volume) {
}
