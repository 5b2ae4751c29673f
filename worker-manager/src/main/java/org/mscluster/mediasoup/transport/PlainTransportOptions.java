package org.mscluster.mediasoup.transport;

import java.util.Map;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.sctp.SctpOptions;

/**
 * Options of {@link Router#createPlainTransport}, with mediasoup's defaults: where it listens
 * ({@code listenInfo} and, without rtcpMux, {@code rtcpListenInfo}; or the deprecated
 * {@code listenIp} with {@code port}), RTCP multiplexing, comedia (learn the remote address from
 * the first packet), SCTP and SRTP.
 */
@SuppressWarnings("deprecation")
public record PlainTransportOptions(
        ListenInfo listenInfo,
        ListenInfo rtcpListenInfo,
        ListenIp listenIp,
        Integer port,
        boolean rtcpMux,
        boolean comedia,
        SctpOptions sctp,
        boolean enableSrtp,
        SrtpCryptoSuite srtpCryptoSuite,
        Map<String, Object> appData) {

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.listenInfo = listenInfo;
        builder.rtcpListenInfo = rtcpListenInfo;
        builder.listenIp = listenIp;
        builder.port = port;
        builder.rtcpMux = rtcpMux;
        builder.comedia = comedia;
        builder.sctp(sctp);
        builder.enableSrtp = enableSrtp;
        builder.srtpCryptoSuite = srtpCryptoSuite;
        builder.appData = appData;
        return builder;
    }

    public static final class Builder extends SctpOptions.Builder<Builder> {
        private ListenInfo listenInfo;
        private ListenInfo rtcpListenInfo;
        private ListenIp listenIp;
        private Integer port;
        private boolean rtcpMux = true;
        private boolean comedia = false;
        private boolean enableSrtp = false;
        private SrtpCryptoSuite srtpCryptoSuite = SrtpCryptoSuite.AES_CM_128_HMAC_SHA1_80;
        private Map<String, Object> appData;

        private Builder() {
            super(SctpOptions.DEFAULTS);
        }

        public Builder listenInfo(ListenInfo value) {
            listenInfo = value;
            return this;
        }

        public Builder rtcpListenInfo(ListenInfo value) {
            rtcpListenInfo = value;
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

        public Builder rtcpMux(boolean value) {
            rtcpMux = value;
            return this;
        }

        public Builder comedia(boolean value) {
            comedia = value;
            return this;
        }

        public Builder enableSrtp(boolean value) {
            enableSrtp = value;
            return this;
        }

        public Builder srtpCryptoSuite(SrtpCryptoSuite value) {
            srtpCryptoSuite = value;
            return this;
        }

        public Builder appData(Map<String, Object> value) {
            appData = value;
            return this;
        }

        public PlainTransportOptions build() {
            return new PlainTransportOptions(listenInfo, rtcpListenInfo, listenIp, port, rtcpMux, comedia, sctp(), enableSrtp, srtpCryptoSuite, appData);
        }
    }
}
