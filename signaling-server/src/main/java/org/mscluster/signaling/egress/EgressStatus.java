package org.mscluster.signaling.egress;

import java.util.Locale;
import java.util.Optional;

/** Where an egress is in its life; the last three are final. */
public enum EgressStatus {
    STARTING, ACTIVE, ENDING, COMPLETE, FAILED, ABORTED;

    /** The name in JSON: {@code starting}, {@code active}, … */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The status whose {@link #value()} is {@code value}, if any (an answer from another node). */
    public static Optional<EgressStatus> of(Object value) {
        for (EgressStatus status : values()) {
            if (status.value().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    public boolean finished() {
        return this == COMPLETE || this == FAILED || this == ABORTED;
    }
}
