package org.mscluster.mediasoup.fbs;

import FBS.RtpParameters.Rtx;
import com.google.flatbuffers.FlatBufferBuilder;
import java.util.List;
import org.mscluster.mediasoup.rtp.RtpEncodingParameters;

/**
 * RTP encodings to and from the schema's {@code RtpEncodingParameters}, as Node's
 * {@code serializeRtpEncodingParameters} and {@code parseRtpEncodingParameters}. Producers send
 * them inside their RTP parameters, and a consume request carries the producer's consumable
 * encodings on their own, hence a class of their own.
 */
public final class RtpEncodingsFbs {

    // Field indexes of FBS.RtpParameters.RtpEncodingParameters, for its optional scalars.
    private static final int SSRC = 0;
    private static final int CODEC_PAYLOAD_TYPE = 2;
    private static final int MAX_BITRATE = 6;

    private RtpEncodingsFbs() {
    }

    /** Builds the {@code [RtpEncodingParameters]} vector; {@code null} is an empty one. */
    public static int serialize(FlatBufferBuilder builder, List<RtpEncodingParameters> encodings) {
        if (encodings == null) {
            return FBS.RtpParameters.RtpParameters.createEncodingsVector(builder, new int[0]);
        }
        int[] offsets = new int[encodings.size()];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = serialize(builder, encodings.get(i));
        }
        return FBS.RtpParameters.RtpParameters.createEncodingsVector(builder, offsets);
    }

    public static int serialize(FlatBufferBuilder builder, RtpEncodingParameters encoding) {
        int ridOffset = encoding.rid() == null ? 0 : builder.createString(encoding.rid());
        int rtxOffset = encoding.rtx() == null || encoding.rtx().ssrc() == null
                ? 0 : Rtx.createRtx(builder, encoding.rtx().ssrc());
        int scalabilityModeOffset = encoding.scalabilityMode() == null || encoding.scalabilityMode().isEmpty()
                ? 0 : builder.createString(encoding.scalabilityMode());
        FBS.RtpParameters.RtpEncodingParameters.startRtpEncodingParameters(builder);
        // Node leaves out a zero SSRC and payload type ("if (encoding.ssrc)"): so do we.
        if (encoding.ssrc() != null && encoding.ssrc() != 0) {
            OptionalFields.addInt(builder, SSRC, encoding.ssrc());
        }
        if (ridOffset != 0) {
            FBS.RtpParameters.RtpEncodingParameters.addRid(builder, ridOffset);
        }
        if (encoding.codecPayloadType() != null && encoding.codecPayloadType() != 0) {
            OptionalFields.addByte(builder, CODEC_PAYLOAD_TYPE, encoding.codecPayloadType());
        }
        if (rtxOffset != 0) {
            FBS.RtpParameters.RtpEncodingParameters.addRtx(builder, rtxOffset);
        }
        if (encoding.dtx() != null) {
            FBS.RtpParameters.RtpEncodingParameters.addDtx(builder, encoding.dtx());
        }
        if (scalabilityModeOffset != 0) {
            FBS.RtpParameters.RtpEncodingParameters.addScalabilityMode(builder, scalabilityModeOffset);
        }
        if (encoding.maxBitrate() != null) {
            OptionalFields.addLong(builder, MAX_BITRATE, encoding.maxBitrate().longValue());
        }
        return FBS.RtpParameters.RtpEncodingParameters.endRtpEncodingParameters(builder);
    }

    /**
     * As Node: an empty rid or scalability mode reads as absent, {@code dtx} is always present
     * ({@code false} when not sent).
     */
    public static RtpEncodingParameters parse(FBS.RtpParameters.RtpEncodingParameters data) {
        Rtx rtx = data.rtx();
        return RtpEncodingParameters.builder()
                .ssrc(data.hasSsrc() ? data.ssrc() : null)
                .rid(emptyToNull(data.rid()))
                .codecPayloadType(data.hasCodecPayloadType() ? data.codecPayloadType() : null)
                .rtx(rtx == null ? null : RtpEncodingParameters.Rtx.of(rtx.ssrc()))
                .dtx(data.dtx())
                .scalabilityMode(emptyToNull(data.scalabilityMode()))
                .maxBitrate(data.hasMaxBitrate() ? (int) data.maxBitrate() : null)
                .build();
    }

    static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }
}
