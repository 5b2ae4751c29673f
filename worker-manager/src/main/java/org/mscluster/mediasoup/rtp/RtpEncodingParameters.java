package org.mscluster.mediasoup.rtp;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One RTP stream (and its RTX stream, if any) of a producer or consumer. A simulcast producer has one
 * encoding per stream, each with an {@code ssrc} or a {@code rid}. SSRCs are unsigned 32-bit values,
 * hence {@code Long}.
 *
 * <p>{@code scaleResolutionDownBy} is not in mediasoup 3.27.1's server-side type, but
 * mediasoup-client puts it in the encodings it sends; keeping it lets a producer's parameters travel
 * back to clients as Node's server keeps them (the worker ignores it).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record RtpEncodingParameters(
        Long ssrc,
        String rid,
        Integer codecPayloadType,
        Rtx rtx,
        Boolean dtx,
        String scalabilityMode,
        Double scaleResolutionDownBy,
        Integer maxBitrate) {

    /** The RTX stream of an encoding ({@code rtx: {ssrc}} in TypeScript). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Rtx(Long ssrc) {

        public static Rtx of(long ssrc) {
            return new Rtx(ssrc);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public static RtpEncodingParameters ofSsrc(long ssrc) {
        return builder().ssrc(ssrc).build();
    }

    public static RtpEncodingParameters ofRid(String rid) {
        return builder().rid(rid).build();
    }

    public Builder toBuilder() {
        return new Builder()
                .ssrc(ssrc)
                .rid(rid)
                .codecPayloadType(codecPayloadType)
                .rtx(rtx)
                .dtx(dtx)
                .scalabilityMode(scalabilityMode)
                .scaleResolutionDownBy(scaleResolutionDownBy)
                .maxBitrate(maxBitrate);
    }

    public RtpEncodingParameters withSsrc(Long value) {
        return toBuilder().ssrc(value).build();
    }

    public RtpEncodingParameters withRtx(Rtx value) {
        return toBuilder().rtx(value).build();
    }

    public static final class Builder {
        private Long ssrc;
        private String rid;
        private Integer codecPayloadType;
        private Rtx rtx;
        private Boolean dtx;
        private String scalabilityMode;
        private Double scaleResolutionDownBy;
        private Integer maxBitrate;

        private Builder() {
        }

        public Builder ssrc(Long value) {
            ssrc = value;
            return this;
        }

        public Builder rid(String value) {
            rid = value;
            return this;
        }

        public Builder codecPayloadType(Integer value) {
            codecPayloadType = value;
            return this;
        }

        public Builder rtx(Rtx value) {
            rtx = value;
            return this;
        }

        /** Shorthand for {@code rtx(Rtx.of(ssrc))}. */
        public Builder rtxSsrc(long value) {
            rtx = Rtx.of(value);
            return this;
        }

        public Builder dtx(Boolean value) {
            dtx = value;
            return this;
        }

        public Builder scalabilityMode(String value) {
            scalabilityMode = value;
            return this;
        }

        public Builder scaleResolutionDownBy(Double value) {
            scaleResolutionDownBy = value;
            return this;
        }

        public Builder maxBitrate(Integer value) {
            maxBitrate = value;
            return this;
        }

        public RtpEncodingParameters build() {
            return new RtpEncodingParameters(ssrc, rid, codecPayloadType, rtx, dtx, scalabilityMode,
                    scaleResolutionDownBy, maxBitrate);
        }
    }
}
