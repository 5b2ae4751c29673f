package org.mscluster.mediasoup.consumer;

import java.util.Map;
import org.mscluster.mediasoup.rtp.RtpCapabilities;

/**
 * Options of {@code transport.consume()}: which producer, and what the receiving endpoint can
 * decode; optionally starting paused, a fixed {@code mid}, preferred layers, RTX ({@code null}:
 * for video only), ignoring DTX packets, and {@code pipe} (forward every stream as is, for
 * router-to-router links).
 */
public record ConsumerOptions(
        String producerId,
        RtpCapabilities rtpCapabilities,
        boolean paused,
        String mid,
        ConsumerLayers preferredLayers,
        Boolean enableRtx,
        boolean ignoreDtx,
        boolean pipe,
        Map<String, Object> appData) {

    public static ConsumerOptions of(String producerId, RtpCapabilities rtpCapabilities) {
        return builder().producerId(producerId).rtpCapabilities(rtpCapabilities).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().producerId(producerId).rtpCapabilities(rtpCapabilities).paused(paused).mid(mid)
                .preferredLayers(preferredLayers).enableRtx(enableRtx).ignoreDtx(ignoreDtx).pipe(pipe)
                .appData(appData);
    }

    public static final class Builder {
        private String producerId;
        private RtpCapabilities rtpCapabilities;
        private boolean paused;
        private String mid;
        private ConsumerLayers preferredLayers;
        private Boolean enableRtx;
        private boolean ignoreDtx;
        private boolean pipe;
        private Map<String, Object> appData;

        private Builder() {
        }

        public Builder producerId(String value) {
            producerId = value;
            return this;
        }

        public Builder rtpCapabilities(RtpCapabilities value) {
            rtpCapabilities = value;
            return this;
        }

        public Builder paused(boolean value) {
            paused = value;
            return this;
        }

        public Builder mid(String value) {
            mid = value;
            return this;
        }

        public Builder preferredLayers(ConsumerLayers value) {
            preferredLayers = value;
            return this;
        }

        public Builder enableRtx(Boolean value) {
            enableRtx = value;
            return this;
        }

        public Builder ignoreDtx(boolean value) {
            ignoreDtx = value;
            return this;
        }

        public Builder pipe(boolean value) {
            pipe = value;
            return this;
        }

        public Builder appData(Map<String, Object> value) {
            appData = value;
            return this;
        }

        public ConsumerOptions build() {
            return new ConsumerOptions(producerId, rtpCapabilities, paused, mid, preferredLayers, enableRtx, ignoreDtx,
                    pipe, appData);
        }
    }
}
