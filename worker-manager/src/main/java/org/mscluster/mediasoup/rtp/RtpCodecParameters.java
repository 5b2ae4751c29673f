package org.mscluster.mediasoup.rtp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * A codec in use in RTP parameters, with the payload type actually sent. {@code parameters} values
 * are strings or numbers, as in JSON; {@code channels} is for audio only.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RtpCodecParameters(
        String mimeType,
        Integer payloadType,
        Integer clockRate,
        Integer channels,
        Map<String, Object> parameters,
        List<RtcpFeedback> rtcpFeedback) {

    public RtpCodecParameters {
        parameters = Immutables.map(parameters);
        rtcpFeedback = Immutables.list(rtcpFeedback);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .mimeType(mimeType)
                .payloadType(payloadType)
                .clockRate(clockRate)
                .channels(channels)
                .parameters(parameters)
                .rtcpFeedback(rtcpFeedback);
    }

    public RtpCodecParameters withParameters(Map<String, Object> value) {
        return new RtpCodecParameters(mimeType, payloadType, clockRate, channels, value, rtcpFeedback);
    }

    public RtpCodecParameters withRtcpFeedback(List<RtcpFeedback> value) {
        return new RtpCodecParameters(mimeType, payloadType, clockRate, channels, parameters, value);
    }

    public static final class Builder {
        private String mimeType;
        private Integer payloadType;
        private Integer clockRate;
        private Integer channels;
        private Map<String, Object> parameters;
        private List<RtcpFeedback> rtcpFeedback;

        private Builder() {
        }

        public Builder mimeType(String value) {
            mimeType = value;
            return this;
        }

        public Builder payloadType(Integer value) {
            payloadType = value;
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

        public RtpCodecParameters build() {
            return new RtpCodecParameters(mimeType, payloadType, clockRate, channels, parameters, rtcpFeedback);
        }
    }
}
