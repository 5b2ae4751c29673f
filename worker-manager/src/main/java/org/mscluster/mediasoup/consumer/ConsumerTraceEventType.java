package org.mscluster.mediasoup.consumer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.fbs.EnumMappings;
import org.mscluster.mediasoup.fbs.FbsValue;

/** What {@link Consumer#enableTraceEvent} can make a consumer report in {@code trace} events. */
public enum ConsumerTraceEventType implements FbsValue {
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
    @Override
    @JsonValue
    public String value() {
        return value;
    }

    /** The constant named {@code value}, or {@code null} for any other value. */
    @JsonCreator
    public static ConsumerTraceEventType fromValue(String value) {
        return EnumMappings.fromValue(ConsumerTraceEventType.class, value);
    }

    /** The value of {@code FBS.Consumer.TraceEventType} the worker uses. */
    @Override
    public int toFbs() {
        return fbs;
    }

    public static ConsumerTraceEventType fromFbs(int fbs) {
        return EnumMappings.fromFbs(ConsumerTraceEventType.class, fbs, "FBS.Consumer.TraceEventType");
    }

    @Override
    public String toString() {
        return value;
    }
}
