package org.mscluster.mediasoup.consumer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.fbs.EnumMappings;
import org.mscluster.mediasoup.fbs.FbsValue;

/** How a consumer forwards its producer: as the producer's type, or every stream as is ({@code pipe}, between routers). */
public enum ConsumerType implements FbsValue {
    SIMPLE("simple", FBS.RtpParameters.Type.SIMPLE),
    SIMULCAST("simulcast", FBS.RtpParameters.Type.SIMULCAST),
    SVC("svc", FBS.RtpParameters.Type.SVC),
    PIPE("pipe", FBS.RtpParameters.Type.PIPE);

    private final String value;
    private final int fbs;

    ConsumerType(String value, int fbs) {
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
    public static ConsumerType fromValue(String value) {
        return EnumMappings.fromValue(ConsumerType.class, value);
    }

    /** The value of {@code FBS.RtpParameters.Type} the worker uses. */
    @Override
    public int toFbs() {
        return fbs;
    }

    public static ConsumerType fromFbs(int fbs) {
        return EnumMappings.fromFbs(ConsumerType.class, fbs, "FBS.RtpParameters.Type");
    }

    @Override
    public String toString() {
        return value;
    }
}
