package org.mscluster.mediasoup.producer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.fbs.EnumMappings;
import org.mscluster.mediasoup.fbs.FbsValue;

/** What {@link Producer#enableTraceEvent} can make a producer report in {@code trace} events. */
public enum ProducerTraceEventType implements FbsValue {
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
    @Override
    @JsonValue
    public String value() {
        return value;
    }

    /** The constant named {@code value}, or {@code null} for any other value. */
    @JsonCreator
    public static ProducerTraceEventType fromValue(String value) {
        return EnumMappings.fromValue(ProducerTraceEventType.class, value);
    }

    /** The value of {@code FBS.Producer.TraceEventType} the worker uses. */
    @Override
    public int toFbs() {
        return fbs;
    }

    public static ProducerTraceEventType fromFbs(int fbs) {
        return EnumMappings.fromFbs(ProducerTraceEventType.class, fbs, "FBS.Producer.TraceEventType");
    }

    @Override
    public String toString() {
        return value;
    }
}
