package org.mscluster.mediasoup.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.fbs.EnumMappings;
import org.mscluster.mediasoup.fbs.FbsValue;
import org.mscluster.mediasoup.transport.DirectTransport;

/** Where a data producer's messages come from: an SCTP stream, or the application through a DirectTransport. */
public enum DataProducerType implements FbsValue {
    SCTP("sctp", FBS.DataProducer.Type.SCTP),
    DIRECT("direct", FBS.DataProducer.Type.DIRECT);

    private final String value;
    private final int fbs;

    DataProducerType(String value, int fbs) {
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
    public static DataProducerType fromValue(String value) {
        return EnumMappings.fromValue(DataProducerType.class, value);
    }

    /** The value of {@code FBS.DataProducer.Type} the worker uses. */
    @Override
    public int toFbs() {
        return fbs;
    }

    public static DataProducerType fromFbs(int fbs) {
        return EnumMappings.fromFbs(DataProducerType.class, fbs, "FBS.DataProducer.Type");
    }

    @Override
    public String toString() {
        return value;
    }
}
