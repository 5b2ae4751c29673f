package org.mscluster.mediasoup.transport;

import org.mscluster.mediasoup.router.Router;

import java.util.Map;
import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.transport.ListenIp;

/**
 * Options of {@link Router#createPipeTransport}, with mediasoup's defaults: where it listens
 * ({@code listenInfo}, or the deprecated {@code listenIp} with {@code port}), SCTP, RTX
 * (retransmissions between the two routers) and SRTP.
 */
@SuppressWarnings("deprecation")
public record PipeTransportOptions(
        ListenInfo listenInfo,
        ListenIp listenIp,
        Integer port,
        boolean enableSctp,
        int maxSendMessageSize,
        int maxReceiveMessageSize,
        int sctpSendBufferSize,
        int sctpPerStreamSendQueueLimit,
        int sctpMaxReceiverWindowBufferSize,
        int sctpDefaultStreamBufferedAmountLowThreshold,
        boolean enableRtx,
        boolean enableSrtp,
        Map<String, Object> appData) {

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.listenInfo = listenInfo;
        builder.listenIp = listenIp;
        builder.port = port;
        builder.enableSctp = enableSctp;
        builder.maxSendMessageSize = maxSendMessageSize;
        builder.maxReceiveMessageSize = maxReceiveMessageSize;
        builder.sctpSendBufferSize = sctpSendBufferSize;
        builder.sctpPerStreamSendQueueLimit = sctpPerStreamSendQueueLimit;
        builder.sctpMaxReceiverWindowBufferSize = sctpMaxReceiverWindowBufferSize;
        builder.sctpDefaultStreamBufferedAmountLowThreshold = sctpDefaultStreamBufferedAmountLowThreshold;
        builder.enableRtx = enableRtx;
        builder.enableSrtp = enableSrtp;
        builder.appData = appData;
        return builder;
    }

    public static final class Builder {
        private ListenInfo listenInfo;
        private ListenIp listenIp;
        private Integer port;
        private boolean enableSctp = false;
        private int maxSendMessageSize = 262_144;
        private int maxReceiveMessageSize = 262_144;
        private int sctpSendBufferSize = 2_000_000;
        private int sctpPerStreamSendQueueLimit = 2_000_000;
        private int sctpMaxReceiverWindowBufferSize = 5_242_880;
        private int sctpDefaultStreamBufferedAmountLowThreshold = 1024;
        private boolean enableRtx = false;
        private boolean enableSrtp = false;
        private Map<String, Object> appData;

        private Builder() {
        }

        public Builder listenInfo(ListenInfo value) {
            listenInfo = value;
            return this;
        }

        public Builder listenIp(ListenIp value) {
            listenIp = value;
            return this;
        }

        /** Node's {@code listenIp: '127.0.0.1'} shorthand. */
        public Builder listenIp(String ip) {
            listenIp = ListenIp.of(ip);
            return this;
        }

        public Builder port(Integer value) {
            port = value;
            return this;
        }

        public Builder enableSctp(boolean value) {
            enableSctp = value;
            return this;
        }

        public Builder maxSendMessageSize(int value) {
            maxSendMessageSize = value;
            return this;
        }

        public Builder maxReceiveMessageSize(int value) {
            maxReceiveMessageSize = value;
            return this;
        }

        public Builder sctpSendBufferSize(int value) {
            sctpSendBufferSize = value;
            return this;
        }

        public Builder sctpPerStreamSendQueueLimit(int value) {
            sctpPerStreamSendQueueLimit = value;
            return this;
        }

        public Builder sctpMaxReceiverWindowBufferSize(int value) {
            sctpMaxReceiverWindowBufferSize = value;
            return this;
        }

        public Builder sctpDefaultStreamBufferedAmountLowThreshold(int value) {
            sctpDefaultStreamBufferedAmountLowThreshold = value;
            return this;
        }

        public Builder enableRtx(boolean value) {
            enableRtx = value;
            return this;
        }

        public Builder enableSrtp(boolean value) {
            enableSrtp = value;
            return this;
        }

        public Builder appData(Map<String, Object> value) {
            appData = value;
            return this;
        }

        public PipeTransportOptions build() {
            return new PipeTransportOptions(listenInfo, listenIp, port, enableSctp, maxSendMessageSize, maxReceiveMessageSize, sctpSendBufferSize, sctpPerStreamSendQueueLimit, sctpMaxReceiverWindowBufferSize, sctpDefaultStreamBufferedAmountLowThreshold, enableRtx, enableSrtp, appData);
        }
    }
}
