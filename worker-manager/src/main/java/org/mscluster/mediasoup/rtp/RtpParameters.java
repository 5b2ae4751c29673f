package org.mscluster.mediasoup.rtp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What a producer sends to mediasoup (its send parameters) or what a consumer receives from it. A
 * consumer always has a single encoding, except over a pipe transport, where every stream of the
 * producer is forwarded as is.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RtpParameters(
        String mid,
        List<RtpCodecParameters> codecs,
        List<RtpHeaderExtensionParameters> headerExtensions,
        List<RtpEncodingParameters> encodings,
        RtcpParameters rtcp,
        String msid) {

    public RtpParameters {
        codecs = Immutables.list(codecs);
        headerExtensions = Immutables.list(headerExtensions);
        encodings = Immutables.list(encodings);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
                .mid(mid)
                .codecs(codecs)
                .headerExtensions(headerExtensions)
                .encodings(encodings)
                .rtcp(rtcp)
                .msid(msid);
    }

    public RtpParameters withMid(String value) {
        return new RtpParameters(value, codecs, headerExtensions, encodings, rtcp, msid);
    }

    public RtpParameters withCodecs(List<RtpCodecParameters> value) {
        return new RtpParameters(mid, value, headerExtensions, encodings, rtcp, msid);
    }

    public RtpParameters withEncodings(List<RtpEncodingParameters> value) {
        return new RtpParameters(mid, codecs, headerExtensions, value, rtcp, msid);
    }

    public RtpParameters withRtcp(RtcpParameters value) {
        return new RtpParameters(mid, codecs, headerExtensions, encodings, value, msid);
    }

    public static final class Builder {
        private String mid;
        private List<RtpCodecParameters> codecs;
        private List<RtpHeaderExtensionParameters> headerExtensions;
        private List<RtpEncodingParameters> encodings;
        private RtcpParameters rtcp;
        private String msid;

        private Builder() {
        }

        public Builder mid(String value) {
            mid = value;
            return this;
        }

        public Builder codecs(List<RtpCodecParameters> value) {
            codecs = value;
            return this;
        }

        public Builder headerExtensions(List<RtpHeaderExtensionParameters> value) {
            headerExtensions = value;
            return this;
        }

        public Builder encodings(List<RtpEncodingParameters> value) {
            encodings = value;
            return this;
        }

        public Builder rtcp(RtcpParameters value) {
            rtcp = value;
            return this;
        }

        public Builder msid(String value) {
            msid = value;
            return this;
        }

        public RtpParameters build() {
            return new RtpParameters(mid, codecs, headerExtensions, encodings, rtcp, msid);
        }
    }
}
