package org.mscluster.mediasoup.producer;

import java.util.Map;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpParameters;

/**
 * Options of {@code transport.produce()}: the kind and the RTP parameters the endpoint sends with;
 * optionally a fixed {@code id}, starting paused, how long to wait between key frame requests
 * ({@code keyFrameRequestDelay} ms, 0 = none) and whether to add mediasoup's packet-id header
 * extension to forwarded packets.
 */
public record ProducerOptions(
        String id,
        MediaKind kind,
        RtpParameters rtpParameters,
        boolean paused,
        Integer keyFrameRequestDelay,
        boolean enableMediasoupPacketIdHeaderExtension,
        Map<String, Object> appData) {

    public static ProducerOptions of(MediaKind kind, RtpParameters rtpParameters) {
        return builder().kind(kind).rtpParameters(rtpParameters).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().id(id).kind(kind).rtpParameters(rtpParameters).paused(paused)
                .keyFrameRequestDelay(keyFrameRequestDelay)
                .enableMediasoupPacketIdHeaderExtension(enableMediasoupPacketIdHeaderExtension).appData(appData);
    }

    public static final class Builder {
        private String id;
        private MediaKind kind;
        private RtpParameters rtpParameters;
        private boolean paused;
        private Integer keyFrameRequestDelay;
        private boolean enableMediasoupPacketIdHeaderExtension;
        private Map<String, Object> appData;

        private Builder() {
        }

        public Builder id(String value) {
            id = value;
            return this;
        }

        public Builder kind(MediaKind value) {
            kind = value;
            return this;
        }

        public Builder rtpParameters(RtpParameters value) {
            rtpParameters = value;
            return this;
        }

        public Builder paused(boolean value) {
            paused = value;
            return this;
        }

        public Builder keyFrameRequestDelay(Integer value) {
            keyFrameRequestDelay = value;
            return this;
        }

        public Builder enableMediasoupPacketIdHeaderExtension(boolean value) {
            enableMediasoupPacketIdHeaderExtension = value;
            return this;
        }

        public Builder appData(Map<String, Object> value) {
            appData = value;
            return this;
        }

        public ProducerOptions build() {
            return new ProducerOptions(id, kind, rtpParameters, paused, keyFrameRequestDelay,
                    enableMediasoupPacketIdHeaderExtension, appData);
        }
    }
}
