package org.mscluster.mediasoup.sctp;

/**
 * The SCTP (data channel) options every transport shares, with mediasoup's defaults: whether SCTP is
 * on, the largest messages each way, and the association's buffers. One record for WebRTC, plain and
 * pipe transports and pipeToRouter, whose builders take these options under Node's names through
 * {@link Builder}.
 */
public record SctpOptions(
        boolean enableSctp,
        int maxSendMessageSize,
        int maxReceiveMessageSize,
        int sendBufferSize,
        int perStreamSendQueueLimit,
        int maxReceiverWindowBufferSize,
        int defaultStreamBufferedAmountLowThreshold) {

    /** SCTP off, mediasoup's sizes. */
    public static final SctpOptions DEFAULTS = new SctpOptions(false, 262_144, 262_144, 2_000_000, 2_000_000, 5_242_880, 1024);

    public SctpOptions withEnableSctp(boolean value) {
        return new SctpOptions(value, maxSendMessageSize, maxReceiveMessageSize, sendBufferSize, perStreamSendQueueLimit,
                maxReceiverWindowBufferSize, defaultStreamBufferedAmountLowThreshold);
    }

    /**
     * The SCTP setters of a transport's options builder, under the Node layer's option names; {@code B}
     * is the builder itself, so a chain of setters keeps its type.
     */
    public abstract static class Builder<B extends Builder<B>> {
        private boolean enableSctp;
        private int maxSendMessageSize;
        private int maxReceiveMessageSize;
        private int sendBufferSize;
        private int perStreamSendQueueLimit;
        private int maxReceiverWindowBufferSize;
        private int defaultStreamBufferedAmountLowThreshold;

        protected Builder(SctpOptions defaults) {
            sctp(defaults);
        }

        /** All SCTP options at once. */
        public B sctp(SctpOptions options) {
            enableSctp = options.enableSctp();
            maxSendMessageSize = options.maxSendMessageSize();
            maxReceiveMessageSize = options.maxReceiveMessageSize();
            sendBufferSize = options.sendBufferSize();
            perStreamSendQueueLimit = options.perStreamSendQueueLimit();
            maxReceiverWindowBufferSize = options.maxReceiverWindowBufferSize();
            defaultStreamBufferedAmountLowThreshold = options.defaultStreamBufferedAmountLowThreshold();
            return self();
        }

        public B enableSctp(boolean value) {
            enableSctp = value;
            return self();
        }

        public B maxSendMessageSize(int value) {
            maxSendMessageSize = value;
            return self();
        }

        public B maxReceiveMessageSize(int value) {
            maxReceiveMessageSize = value;
            return self();
        }

        public B sctpSendBufferSize(int value) {
            sendBufferSize = value;
            return self();
        }

        public B sctpPerStreamSendQueueLimit(int value) {
            perStreamSendQueueLimit = value;
            return self();
        }

        public B sctpMaxReceiverWindowBufferSize(int value) {
            maxReceiverWindowBufferSize = value;
            return self();
        }

        public B sctpDefaultStreamBufferedAmountLowThreshold(int value) {
            defaultStreamBufferedAmountLowThreshold = value;
            return self();
        }

        /** The SCTP options set so far. */
        protected SctpOptions sctp() {
            return new SctpOptions(enableSctp, maxSendMessageSize, maxReceiveMessageSize, sendBufferSize, perStreamSendQueueLimit,
                    maxReceiverWindowBufferSize, defaultStreamBufferedAmountLowThreshold);
        }

        @SuppressWarnings("unchecked")
        private B self() {
            return (B) this;
        }
    }
}
