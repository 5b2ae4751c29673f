package org.mscluster.signaling.egress;

import java.util.Locale;

/** Where an egress is in its life; the last three are final. */
public enum EgressStatus {
    STARTING, ACTIVE, ENDING, COMPLETE, FAILED, ABORTED;

    /** The name in JSON: {@code starting}, {@code active}, … */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean finished() {
        return this == COMPLETE || this == FAILED || this == ABORTED;
    }
}
