package org.mscluster.mediasoup.observer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.fbs.EnumMappings;
import org.mscluster.mediasoup.fbs.WireValue;

/** Which kind of RTP observer an object is ({@code rtpObserver.type} in Node). */
public enum RtpObserverType implements WireValue {
    AUDIO_LEVEL("audiolevel"),
    ACTIVE_SPEAKER("activespeaker");

    private final String value;

    RtpObserverType(String value) {
        this.value = value;
    }

    /** The name the Node layer and JSON use. */
    @Override
    @JsonValue
    public String value() {
        return value;
    }

    /** The constant named {@code value}, or {@code null} for any other value. */
    @JsonCreator
    public static RtpObserverType fromValue(String value) {
        return EnumMappings.fromValue(RtpObserverType.class, value);
    }

    @Override
    public String toString() {
        return value;
    }
}
