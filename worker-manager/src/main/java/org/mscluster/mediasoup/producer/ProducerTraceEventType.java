package org.mscluster.mediasoup.producer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.errors.TypeError;

/** What {@link Producer#enableTraceEvent} can make a producer report in {@code trace} events. */
public enum ProducerTraceEventType {
    RTP("rtp", FBS.Producer.TraceEventType.RTP),
    KEYFRAME("keyframe", FBS.Producer.TraceEventType.KEYFRAME),
    NACK("nack", FBS.Producer.TraceEventType.NACK),
    PLI("pli", FBS.Producer.TraceEventType.PLI),
    FIR("fir", FBS.Producer.TraceEventType.FIR),
    SR("sr", FBS.Producer.TraceEventType.SR);

    private final String value;
    private final int fbs;

    ProducerTraceEventType(String value, int fbs) {
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
    public static ProducerTraceEventType fromValue(String value) {
        for (ProducerTraceEventType candidate : values()) {
            if (candidate.value.equals(value)) {
                return candidate;
            }
        }
        return null;
    }

    /** The value of {@code FBS.Producer.TraceEventType} the worker uses. */
    public int toFbs() {
        return fbs;
    }

    public static ProducerTraceEventType fromFbs(int fbs) {
        for (ProducerTraceEventType candidate : values()) {
            if (candidate.fbs == fbs) {
                return candidate;
            }
        }
        throw new TypeError("invalid FBS.Producer.TraceEventType: " + fbs);
    }

    @Override
    public String toString() {
        return value;
    }
}
