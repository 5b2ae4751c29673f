package org.mscluster.mediasoup.consumer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.errors.TypeError;

/** What {@link Consumer#enableTraceEvent} can make a consumer report in {@code trace} events. */
public enum ConsumerTraceEventType {
    RTP("rtp", FBS.Consumer.TraceEventType.RTP),
    KEYFRAME("keyframe", FBS.Consumer.TraceEventType.KEYFRAME),
    NACK("nack", FBS.Consumer.TraceEventType.NACK),
    PLI("pli", FBS.Consumer.TraceEventType.PLI),
    FIR("fir", FBS.Consumer.TraceEventType.FIR);

    private final String value;
    private final int fbs;

    ConsumerTraceEventType(String value, int fbs) {
        this.value = value;
        this.fbs = fbs;
    }

    /** The name the Node layer and JSON use. */
    @JsonValue
    public String value() {
        return value;
    }

    /** The constant named {@code value}, or {@code null} for any other value. */
    @JsonCreator
    public static ConsumerTraceEventType fromValue(String value) {
        for (ConsumerTraceEventType candidate : values()) {
            if (candidate.value.equals(value)) {
                return candidate;
            }
        }
        return null;
    }

    /** The value of {@code FBS.Consumer.TraceEventType} the worker uses. */
    public int toFbs() {
        return fbs;
    }

    public static ConsumerTraceEventType fromFbs(int fbs) {
        for (ConsumerTraceEventType candidate : values()) {
            if (candidate.fbs == fbs) {
                return candidate;
            }
        }
        throw new TypeError("invalid FBS.Consumer.TraceEventType: " + fbs);
    }

    @Override
    public String toString() {
        return value;
    }
}
