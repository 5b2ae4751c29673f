package org.mscluster.mediasoup.rtp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A codec in RTP capabilities: one entry per combination of parameters that needs its own payload
 * type (e.g. each H264 profile, each VP9 profile-id).
 *
 * <p>Also serves as Node's {@code RouterRtpCodecCapability} (the {@code mediaCodecs} given to a
 * router), which differs only in that {@code preferredPayloadType} may be left out, so mediasoup picks
 * a dynamic one. {@code parameters} values are strings or numbers, as in JSON.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RtpCodecCapability(
        MediaKind kind,
        String mimeType,
        Integer preferredPayloadType,
        Integer clockRate,
        Integer channels,
        Map<String, Object> parameters,
        List<RtcpFeedback> rtcpFeedback) {

    public RtpCodecCapability {
        parameters = Immutables.map(parameters);
        rtcpFeedback = Immutables.list(rtcpFeedback);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .kind(kind)
                .mimeType(mimeType)
                .preferredPayloadType(preferredPayloadType)
                .clockRate(clockRate)
                .channels(channels)
                .parameters(parameters)
                .rtcpFeedback(rtcpFeedback);
    }

    public RtpCodecCapability withPreferredPayloadType(Integer value) {
        return new RtpCodecCapability(kind, mimeType, value, clockRate, channels, parameters, rtcpFeedback);
    }

    public RtpCodecCapability withParameters(Map<String, Object> value) {
        return new RtpCodecCapability(kind, mimeType, preferredPayloadType, clockRate, channels, value, rtcpFeedback);
    }

    public RtpCodecCapability withRtcpFeedback(List<RtcpFeedback> value) {
        return new RtpCodecCapability(kind, mimeType, preferredPayloadType, clockRate, channels, parameters, value);
    }

    public static final class Builder {
        private MediaKind kind;
        private String mimeType;
        private Integer preferredPayloadType;
        private Integer clockRate;
        private Integer channels;
        private Map<String, Object> parameters;
        private List<RtcpFeedback> rtcpFeedback;

        private Builder() {
        }

        public Builder kind(MediaKind value) {
            kind = value;
            return this;
        }

        public Builder mimeType(String value) {
            mimeType = value;
            return this;
        }

        public Builder preferredPayloadType(Integer value) {
            preferredPayloadType = value;
            return this;
        }

        public Builder clockRate(Integer value) {
            clockRate = value;
            return this;
        }

        public Builder channels(Integer value) {
            channels = value;
            return this;
        }

        public Builder parameters(Map<String, Object> value) {
            parameters = value;
            return this;
        }

        public Builder rtcpFeedback(List<RtcpFeedback> value) {
            rtcpFeedback = value;
            return this;
        }

        public RtpCodecCapability build() {
            return new RtpCodecCapability(kind, mimeType, preferredPayloadType, clockRate, channels, parameters, rtcpFeedback);
        }
    }
}
