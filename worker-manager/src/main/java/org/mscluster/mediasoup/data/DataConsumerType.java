package org.mscluster.mediasoup.data;

import org.mscluster.mediasoup.transport.DirectTransport;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.errors.TypeError;

/** Where a data consumer's messages go: an SCTP stream, or the application through a DirectTransport. */
public enum DataConsumerType {
    SCTP("sctp", FBS.DataConsumer.Type.SCTP),
    DIRECT("direct", FBS.DataConsumer.Type.DIRECT);

    private final String value;
    private final int fbs;

    DataConsumerType(String value, int fbs) {
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
    public static DataConsumerType fromValue(String value) {
        for (DataConsumerType candidate : values()) {
            if (candidate.value.equals(value)) {
                return candidate;
            }
        }
        return null;
    }

    /** The value of {@code FBS.DataConsumer.Type} the worker uses. */
    public int toFbs() {
        return fbs;
    }

    public static DataConsumerType fromFbs(int fbs) {
        for (DataConsumerType candidate : values()) {
            if (candidate.fbs == fbs) {
                return candidate;
            }
        }
        throw new TypeError("invalid FBS.DataConsumer.Type: " + fbs);
    }

    @Override
    public String toString() {
        return value;
    }
}
