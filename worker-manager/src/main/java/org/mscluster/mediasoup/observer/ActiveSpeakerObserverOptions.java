package org.mscluster.mediasoup.observer;

import java.util.Map;

/** Options of {@code router.createActiveSpeakerObserver()}: decide every {@code interval} ms (default 300). */
public record ActiveSpeakerObserverOptions(int interval, Map<String, Object> appData) {

    public static ActiveSpeakerObserverOptions defaults() {
        return new ActiveSpeakerObserverOptions(300, null);
    }

    public ActiveSpeakerObserverOptions withInterval(int value) {
        return new ActiveSpeakerObserverOptions(value, appData);
    }

    public ActiveSpeakerObserverOptions withAppData(Map<String, Object> value) {
        return new ActiveSpeakerObserverOptions(interval, value);
    }
}
