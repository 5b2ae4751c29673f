package org.mscluster.mediasoup.ortc;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * How a producer's payload types and streams map onto the router's: the worker rewrites incoming
 * packets with it, so every consumer sees the router's payload types and fresh SSRCs whatever the
 * sender chose.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RtpCodecsEncodingsMapping(List<CodecMapping> codecs, List<EncodingMapping> encodings) {

    public RtpCodecsEncodingsMapping {
        codecs = List.copyOf(codecs);
        encodings = List.copyOf(encodings);
    }

    /** A producer payload type and the router payload type it becomes. */
    public record CodecMapping(int payloadType, int mappedPayloadType) {
    }

    /** A producer stream, known by its SSRC or its RID, and the SSRC it gets inside the router. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EncodingMapping(Long ssrc, String rid, long mappedSsrc) {
    }
}
