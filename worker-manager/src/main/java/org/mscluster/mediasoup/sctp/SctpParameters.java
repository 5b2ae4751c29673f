package org.mscluster.mediasoup.sctp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * SCTP settings of a transport, as the worker reports them and as clients receive them.
 *
 * <p>{@code OS}, {@code MIS} and {@code maxMessageSize} are fixed by mediasoup 3.27.1 (65535, 65535
 * and {@code maxReceiveMessageSize}) and kept only because mediasoup-client still reads them.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record SctpParameters(
        Integer port,
        Integer maxSendMessageSize,
        Integer maxReceiveMessageSize,
        Integer sendBufferSize,
        Integer perStreamSendQueueLimit,
        Integer maxReceiverWindowBufferSize,
        @JsonProperty("isDataChannel") Boolean isDataChannel,
        @JsonProperty("OS") Integer os,
        @JsonProperty("MIS") Integer mis,
        Integer maxMessageSize) {

    /** The stream counts mediasoup 3.27.1 always announces. */
    public static final int NUM_STREAMS = 65535;

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .port(port)
                .maxSendMessageSize(maxSendMessageSize)
                .maxReceiveMessageSize(maxReceiveMessageSize)
                .sendBufferSize(sendBufferSize)
                .perStreamSendQueueLimit(perStreamSendQueueLimit)
                .maxReceiverWindowBufferSize(maxReceiverWindowBufferSize)
                .isDataChannel(isDataChannel)
                .os(os)
                .mis(mis)
                .maxMessageSize(maxMessageSize);
    }

    public static final class Builder {
        private Integer port;
        private Integer maxSendMessageSize;
        private Integer maxReceiveMessageSize;
        private Integer sendBufferSize;
        private Integer perStreamSendQueueLimit;
        private Integer maxReceiverWindowBufferSize;
        private Boolean isDataChannel;
        private Integer os;
        private Integer mis;
        private Integer maxMessageSize;

        private Builder() {
        }

        public Builder port(Integer value) {
            port = value;
            return this;
        }

        public Builder maxSendMessageSize(Integer value) {
            maxSendMessageSize = value;
            return this;
        }

        public Builder maxReceiveMessageSize(Integer value) {
            maxReceiveMessageSize = value;
            return this;
        }

        public Builder sendBufferSize(Integer value) {
            sendBufferSize = value;
            return this;
        }

        public Builder perStreamSendQueueLimit(Integer value) {
            perStreamSendQueueLimit = value;
            return this;
        }

        public Builder maxReceiverWindowBufferSize(Integer value) {
            maxReceiverWindowBufferSize = value;
            return this;
        }

        public Builder isDataChannel(Boolean value) {
            isDataChannel = value;
            return this;
        }

        public Builder os(Integer value) {
            os = value;
            return this;
        }

        public Builder mis(Integer value) {
            mis = value;
            return this;
        }

        public Builder maxMessageSize(Integer value) {
            maxMessageSize = value;
            return this;
        }

        /**
         * Fills the compatibility fields as mediasoup 3.27.1 does when it reads the worker's answer:
         * {@code OS} and {@code MIS} at 65535, {@code maxMessageSize} equal to
         * {@code maxReceiveMessageSize}.
         */
        public Builder withLegacyFields() {
            os = NUM_STREAMS;
            mis = NUM_STREAMS;
            maxMessageSize = maxReceiveMessageSize;
            return this;
        }

        public SctpParameters build() {
            return new SctpParameters(port, maxSendMessageSize, maxReceiveMessageSize, sendBufferSize,
                    perStreamSendQueueLimit, maxReceiverWindowBufferSize, isDataChannel, os, mis, maxMessageSize);
        }
    }
}
