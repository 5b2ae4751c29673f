package org.mscluster.mediasoup.fbs;

import FBS.RtpParameters.CodecMapping;
import FBS.RtpParameters.EncodingMapping;
import FBS.RtpParameters.RtpMapping;
import com.google.flatbuffers.FlatBufferBuilder;
import java.util.ArrayList;
import java.util.List;
import org.mscluster.mediasoup.ortc.RtpCodecsEncodingsMapping;

/**
 * A producer's payload-type and SSRC mapping to and from the schema's {@code RtpMapping}: sent in
 * the produce request (Node's {@code ortc.serializeRtpMapping}) and returned by a producer dump.
 */
public final class RtpMappingFbs {

    // Field index of FBS.RtpParameters.EncodingMapping.ssrc, an optional scalar.
    private static final int ENCODING_SSRC = 1;

    private RtpMappingFbs() {
    }

    public static int serialize(FlatBufferBuilder builder, RtpCodecsEncodingsMapping mapping) {
        int[] codecs = new int[mapping.codecs().size()];
        for (int i = 0; i < codecs.length; i++) {
            RtpCodecsEncodingsMapping.CodecMapping codec = mapping.codecs().get(i);
            codecs[i] = CodecMapping.createCodecMapping(builder, codec.payloadType(), codec.mappedPayloadType());
        }
        int codecsOffset = RtpMapping.createCodecsVector(builder, codecs);
        int[] encodings = new int[mapping.encodings().size()];
        for (int i = 0; i < encodings.length; i++) {
            RtpCodecsEncodingsMapping.EncodingMapping encoding = mapping.encodings().get(i);
            int ridOffset = encoding.rid() == null ? 0 : builder.createString(encoding.rid());
            EncodingMapping.startEncodingMapping(builder);
            if (ridOffset != 0) {
                EncodingMapping.addRid(builder, ridOffset);
            }
            OptionalFields.addInt(builder, ENCODING_SSRC, encoding.ssrc());
            EncodingMapping.addMappedSsrc(builder, encoding.mappedSsrc());
            encodings[i] = EncodingMapping.endEncodingMapping(builder);
        }
        int encodingsOffset = RtpMapping.createEncodingsVector(builder, encodings);
        return RtpMapping.createRtpMapping(builder, codecsOffset, encodingsOffset);
    }

    public static RtpCodecsEncodingsMapping parse(RtpMapping data) {
        List<RtpCodecsEncodingsMapping.CodecMapping> codecs = new ArrayList<>();
        for (int i = 0; i < data.codecsLength(); i++) {
            CodecMapping codec = data.codecs(i);
            codecs.add(new RtpCodecsEncodingsMapping.CodecMapping(codec.payloadType(), codec.mappedPayloadType()));
        }
        List<RtpCodecsEncodingsMapping.EncodingMapping> encodings = new ArrayList<>();
        for (int i = 0; i < data.encodingsLength(); i++) {
            EncodingMapping encoding = data.encodings(i);
            encodings.add(new RtpCodecsEncodingsMapping.EncodingMapping(
                    encoding.hasSsrc() ? encoding.ssrc() : null,
                    RtpEncodingsFbs.emptyToNull(encoding.rid()),
                    encoding.mappedSsrc()));
        }
        return new RtpCodecsEncodingsMapping(codecs, encodings);
    }
}
