package org.mscluster.mediasoup.router;

import org.mscluster.mediasoup.sctp.SctpOptions;
import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.transport.ListenIp;

/**
 * Options of {@link Router#pipeToRouter}, with mediasoup's defaults: which producer or data producer
 * (exactly one) to make available in which other router, whether the copy keeps the original's id
 * (it cannot when both routers share a worker), and how the pipe transports between the two routers
 * are created if they do not exist yet (listening on 127.0.0.1 unless told otherwise).
 */
@SuppressWarnings("deprecation")
public record PipeToRouterOptions(
        String producerId,
        String dataProducerId,
        Router router,
        boolean keepId,
        ListenInfo listenInfo,
        ListenIp listenIp,
        SctpOptions sctp,
        boolean enableRtx,
        boolean enableSrtp) {

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.producerId = producerId;
        builder.dataProducerId = dataProducerId;
        builder.router = router;
        builder.keepId = keepId;
        builder.listenInfo = listenInfo;
        builder.listenIp = listenIp;
        builder.sctp(sctp);
        builder.enableRtx = enableRtx;
        builder.enableSrtp = enableSrtp;
        return builder;
    }

    public static final class Builder extends SctpOptions.Builder<Builder> {
        private String producerId;
        private String dataProducerId;
        private Router router;
        private boolean keepId = true;
        private ListenInfo listenInfo;
        private ListenIp listenIp;
        private boolean enableRtx = false;
        private boolean enableSrtp = false;

        private Builder() {
            super(SctpOptions.DEFAULTS.withEnableSctp(true));
        }

        public Builder producerId(String value) {
            producerId = value;
            return this;
        }

        public Builder dataProducerId(String value) {
            dataProducerId = value;
            return this;
        }

        public Builder router(Router value) {
            router = value;
            return this;
        }

        public Builder keepId(boolean value) {
            keepId = value;
            return this;
        }

        public Builder listenInfo(ListenInfo value) {
            listenInfo = value;
            return this;
        }

        public Builder listenIp(ListenIp value) {
            listenIp = value;
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

        /** Node's {@code listenIp: '127.0.0.1'} shorthand. */
        public Builder listenIp(String ip) {
            listenIp = ListenIp.of(ip);
            return this;
        }

        public PipeToRouterOptions build() {
            return new PipeToRouterOptions(producerId, dataProducerId, router, keepId, listenInfo, listenIp, sctp(), enableRtx, enableSrtp);
        }
    }
}
