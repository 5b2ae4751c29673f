package org.mscluster.mediasoup.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.fbs.EnumMappings;
import org.mscluster.mediasoup.fbs.FbsValue;
import org.mscluster.mediasoup.transport.DirectTransport;

/** Where a data consumer's messages go: an SCTP stream, or the application through a DirectTransport. */
public enum DataConsumerType implements FbsValue {
    SCTP("sctp", FBS.DataConsumer.Type.SCTP),
    DIRECT("direct", FBS.DataConsumer.Type.DIRECT);

    private final String value;
    private final int fbs;

    DataConsumerType(String value, int fbs) {
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
    public static DataConsumerType fromValue(String value) {
        return EnumMappings.fromValue(DataConsumerType.class, value);
    }

    /** The value of {@code FBS.DataConsumer.Type} the worker uses. */
    @Override
    public int toFbs() {
        return fbs;
    }

    public static DataConsumerType fromFbs(int fbs) {
        return EnumMappings.fromFbs(DataConsumerType.class, fbs, "FBS.DataConsumer.Type");
    }

    @Override
    public String toString() {
        return value;
    }
}
