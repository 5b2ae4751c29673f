package org.mscluster.mediasoup.transport;

import java.util.List;
import java.util.Map;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.sctp.SctpOptions;
import org.mscluster.mediasoup.webrtcserver.WebRtcServer;

/**
 * Options of {@link Router#createWebRtcTransport}, with mediasoup's defaults. Exactly one of
 * {@code webRtcServer}, {@code listenInfos} and the deprecated {@code listenIps} (with {@code port})
 * says where the transport listens. {@code enableUdp}/{@code enableTcp} left {@code null} mean
 * UDP only with listen infos and both with a WebRtcServer.
 */
@SuppressWarnings("deprecation")
public record WebRtcTransportOptions(
        WebRtcServer webRtcServer,
        List<ListenInfo> listenInfos,
        List<ListenIp> listenIps,
        Integer port,
        Boolean enableUdp,
        Boolean enableTcp,
        boolean preferUdp,
        boolean preferTcp,
        int iceConsentTimeout,
        long initialAvailableOutgoingBitrate,
        SctpOptions sctp,
        Map<String, Object> appData) {

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.webRtcServer = webRtcServer;
        builder.listenInfos = listenInfos;
        builder.listenIps = listenIps;
        builder.port = port;
        builder.enableUdp = enableUdp;
        builder.enableTcp = enableTcp;
        builder.preferUdp = preferUdp;
        builder.preferTcp = preferTcp;
        builder.iceConsentTimeout = iceConsentTimeout;
        builder.initialAvailableOutgoingBitrate = initialAvailableOutgoingBitrate;
        builder.sctp(sctp);
        builder.appData = appData;
        return builder;
    }

    public static final class Builder extends SctpOptions.Builder<Builder> {
        private WebRtcServer webRtcServer;
        private List<ListenInfo> listenInfos;
        private List<ListenIp> listenIps;
        private Integer port;
        private Boolean enableUdp;
        private Boolean enableTcp;
        private boolean preferUdp = false;
        private boolean preferTcp = false;
        private int iceConsentTimeout = 30;
        private long initialAvailableOutgoingBitrate = 600_000;
        private Map<String, Object> appData;

        private Builder() {
            super(SctpOptions.DEFAULTS);
        }

        public Builder webRtcServer(WebRtcServer value) {
            webRtcServer = value;
            return this;
        }

        public Builder listenInfos(List<ListenInfo> value) {
            listenInfos = value;
            return this;
        }

        public Builder listenIps(List<ListenIp> value) {
            listenIps = value;
            return this;
        }

        /** Node's {@code listenIps: ['127.0.0.1', …]} shorthand. */
        public Builder listenIps(String... ips) {
            listenIps = java.util.Arrays.stream(ips).map(ListenIp::of).toList();
            return this;
        }

        public Builder listenInfos(ListenInfo... infos) {
            listenInfos = List.of(infos);
            return this;
        }

        public Builder port(Integer value) {
            port = value;
            return this;
        }

        public Builder enableUdp(Boolean value) {
            enableUdp = value;
            return this;
        }

        public Builder enableTcp(Boolean value) {
            enableTcp = value;
            return this;
        }

        public Builder preferUdp(boolean value) {
            preferUdp = value;
            return this;
        }

        public Builder preferTcp(boolean value) {
            preferTcp = value;
            return this;
        }

        public Builder iceConsentTimeout(int value) {
            iceConsentTimeout = value;
            return this;
        }

        public Builder initialAvailableOutgoingBitrate(long value) {
            initialAvailableOutgoingBitrate = value;
            return this;
        }

        public Builder appData(Map<String, Object> value) {
            appData = value;
            return this;
        }

        public WebRtcTransportOptions build() {
            return new WebRtcTransportOptions(webRtcServer, listenInfos, listenIps, port, enableUdp, enableTcp, preferUdp, preferTcp, iceConsentTimeout, initialAvailableOutgoingBitrate, sctp(), appData);
        }
    }
}
