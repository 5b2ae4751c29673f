package org.mscluster.mediasoup.observer;

import java.util.Map;

/**
 * Options of {@code router.createAudioLevelObserver()}, with mediasoup's defaults: report at most
 * {@code maxEntries} (1) producers, louder than {@code threshold} dBvo (-80), every {@code
 * interval} ms (1000).
 */
public record AudioLevelObserverOptions(int maxEntries, int threshold, int interval, Map<String, Object> appData) {

    public static AudioLevelObserverOptions defaults() {
        return new AudioLevelObserverOptions(1, -80, 1000, null);
    }

    public AudioLevelObserverOptions withMaxEntries(int value) {
        return new AudioLevelObserverOptions(value, threshold, interval, appData);
    }

    public AudioLevelObserverOptions withThreshold(int value) {
        return new AudioLevelObserverOptions(maxEntries, value, interval, appData);
    }

    public AudioLevelObserverOptions withInterval(int value) {
        return new AudioLevelObserverOptions(maxEntries, threshold, value, appData);
    }

    public AudioLevelObserverOptions withAppData(Map<String, Object> value) {
        return new AudioLevelObserverOptions(maxEntries, threshold, interval, value);
    }
}
