package org.mscluster.mediasoup.rtp;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Media kind, {@code "audio"} or {@code "video"} in JSON. */
public enum MediaKind {
    AUDIO("audio"),
    VIDEO("video");

    private final String value;

    MediaKind(String value) {
        this.value = value;
    }

    @JsonValue
    public String value() {
        return value;
    }

    /**
     * The kind named {@code value}, or {@code null} for anything else. Not an exception: a codec's kind
     * is taken from its mimeType anyway, and a bad header-extension kind must surface as the
     * {@code TypeError} that ortc raises, not as a JSON mapping failure.
     */
    @JsonCreator
    public static MediaKind fromValue(String value) {
        for (MediaKind kind : values()) {
            if (kind.value.equals(value)) {
                return kind;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return value;
    }
}
