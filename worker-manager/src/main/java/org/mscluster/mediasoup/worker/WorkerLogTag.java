package org.mscluster.mediasoup.worker;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The worker's log tags: which subsystems log at the debug and warn levels. */
public enum WorkerLogTag {
    INFO, ICE, DTLS, RTP, SRTP, RTCP, RTX, BWE, SCORE, SIMULCAST, SVC, SCTP, MESSAGE;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WorkerLogTag of(String value) {
        for (WorkerLogTag tag : values()) {
            if (tag.value().equals(value)) {
                return tag;
            }
        }
        throw new org.mscluster.mediasoup.errors.TypeError("invalid logTag '" + value + "'");
    }
}
