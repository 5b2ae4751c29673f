package org.mscluster.mediasoup.producer;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.fbs.EnumMappings;
import org.mscluster.mediasoup.fbs.FbsValue;

/** How a producer sends: one stream ({@code simple}), several encodings ({@code simulcast}) or one stream with spatial/temporal layers ({@code svc}). */
public enum ProducerType implements FbsValue {
    SIMPLE("simple", FBS.RtpParameters.Type.SIMPLE),
    SIMULCAST("simulcast", FBS.RtpParameters.Type.SIMULCAST),
    SVC("svc", FBS.RtpParameters.Type.SVC);

    private final String value;
    private final int fbs;

    ProducerType(String value, int fbs) {
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
    public static ProducerType fromValue(String value) {
        return EnumMappings.fromValue(ProducerType.class, value);
    }

    /** The value of {@code FBS.RtpParameters.Type} the worker uses. */
    @Override
    public int toFbs() {
        return fbs;
    }

    public static ProducerType fromFbs(int fbs) {
        return EnumMappings.fromFbs(ProducerType.class, fbs, "FBS.RtpParameters.Type");
    }

    @Override
    public String toString() {
        return value;
    }
}
