package org.mscluster.mediasoup.data;

import org.mscluster.mediasoup.transport.DirectTransport;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.mscluster.mediasoup.errors.TypeError;

/** Where a data producer's messages come from: an SCTP stream, or the application through a DirectTransport. */
public enum DataProducerType {
    SCTP("sctp", FBS.DataProducer.Type.SCTP),
    DIRECT("direct", FBS.DataProducer.Type.DIRECT);

    private final String value;
    private final int fbs;

    DataProducerType(String value, int fbs) {
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
    public static DataProducerType fromValue(String value) {
        for (DataProducerType candidate : values()) {
            if (candidate.value.equals(value)) {
                return candidate;
            }
        }
        return null;
    }

    /** The value of {@code FBS.DataProducer.Type} the worker uses. */
    public int toFbs() {
        return fbs;
    }

    public static DataProducerType fromFbs(int fbs) {
        for (DataProducerType candidate : values()) {
            if (candidate.fbs == fbs) {
                return candidate;
            }
        }
        throw new TypeError("invalid FBS.DataProducer.Type: " + fbs);
    }

    @Override
    public String toString() {
        return value;
    }
}
