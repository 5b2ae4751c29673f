package org.mscluster.mediasoup.transport;

import java.util.Map;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.sctp.SctpOptions;

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
        SctpOptions sctp,
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
        builder.sctp(sctp);
        builder.enableRtx = enableRtx;
        builder.enableSrtp = enableSrtp;
        builder.appData = appData;
        return builder;
    }

    public static final class Builder extends SctpOptions.Builder<Builder> {
        private ListenInfo listenInfo;
        private ListenIp listenIp;
        private Integer port;
        private boolean enableRtx = false;
        private boolean enableSrtp = false;
        private Map<String, Object> appData;

        private Builder() {
            super(SctpOptions.DEFAULTS);
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
            return new PipeTransportOptions(listenInfo, listenIp, port, sctp(), enableRtx, enableSrtp, appData);
        }
    }
}
