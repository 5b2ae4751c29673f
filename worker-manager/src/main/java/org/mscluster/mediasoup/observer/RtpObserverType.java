package org.mscluster.mediasoup.observer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Which kind of RTP observer an object is ({@code rtpObserver.type} in Node). */
public enum RtpObserverType {
    AUDIO_LEVEL("audiolevel"),
    ACTIVE_SPEAKER("activespeaker");

    private final String value;

    RtpObserverType(String value) {
        this.value = value;
    }

    /** The name the Node layer and JSON use. */
    @JsonValue
    public String value() {
        return value;
    }

    /** The constant named {@code value}, or {@code null} for any other value. */
    @JsonCreator
    public static RtpObserverType fromValue(String value) {
        for (RtpObserverType candidate : values()) {
            if (candidate.value.equals(value)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
