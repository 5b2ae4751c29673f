package org.mscluster.mediasoup.worker;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The worker's log level ({@code debug}, {@code warn}, {@code error}, {@code none}). */
public enum WorkerLogLevel {
    DEBUG, WARN, ERROR, NONE;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WorkerLogLevel of(String value) {
        for (WorkerLogLevel level : values()) {
            if (level.value().equals(value)) {
                return level;
            }
        }
        throw new org.mscluster.mediasoup.errors.TypeError("invalid logLevel '" + value + "' (debug, warn, error or none)");
    }
}
