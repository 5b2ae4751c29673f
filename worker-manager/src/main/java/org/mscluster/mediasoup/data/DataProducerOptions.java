package org.mscluster.mediasoup.data;

import java.util.Map;
import org.mscluster.mediasoup.sctp.SctpStreamParameters;
import org.mscluster.mediasoup.transport.DirectTransport;

/**
 * Options of {@code transport.produceData()}: the SCTP stream the endpoint sends on (required but
 * on a DirectTransport, where it is ignored), an optional fixed {@code id}, the data channel's
 * {@code label} and {@code protocol} (default empty) and whether it starts paused.
 */
public record DataProducerOptions(
        String id,
        SctpStreamParameters sctpStreamParameters,
        String label,
        String protocol,
        boolean paused,
        Map<String, Object> appData) {

    public DataProducerOptions {
        label = label == null ? "" : label;
        protocol = protocol == null ? "" : protocol;
    }

    /** A data producer of a DirectTransport, with no SCTP stream. */
    public static DataProducerOptions direct() {
        return builder().build();
    }

    public static DataProducerOptions of(SctpStreamParameters sctpStreamParameters) {
        return builder().sctpStreamParameters(sctpStreamParameters).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().id(id).sctpStreamParameters(sctpStreamParameters).label(label).protocol(protocol)
                .paused(paused).appData(appData);
    }

    public static final class Builder {
        private String id;
        private SctpStreamParameters sctpStreamParameters;
        private String label = "";
        private String protocol = "";
        private boolean paused;
        private Map<String, Object> appData;

        private Builder() {
        }

        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder sctpStreamParameters(SctpStreamParameters value) {
            sctpStreamParameters = value;
            return this;
        }

        public Builder label(String value) {
            label = value;
            return this;
        }

        public Builder protocol(String value) {
            protocol = value;
            return this;
        }

        public Builder paused(boolean value) {
            paused = value;
            return this;
        }

        public Builder appData(Map<String, Object> value) {
            appData = value;
            return this;
        }

        public DataProducerOptions build() {
            return new DataProducerOptions(id, sctpStreamParameters, label, protocol, paused, appData);
        }
    }
}
