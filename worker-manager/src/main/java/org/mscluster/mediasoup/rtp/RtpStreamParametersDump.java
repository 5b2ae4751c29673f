package org.mscluster.mediasoup.rtp;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What the worker knows about one RTP stream, as a dump reports it; absent values are {@code null}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RtpStreamParametersDump(
        long encodingIdx,
        long ssrc,
        int payloadType,
        String mimeType,
        long clockRate,
        String rid,
        String cname,
        Long rtxSsrc,
        Integer rtxPayloadType,
        boolean useNack,
        boolean usePli,
        boolean useFir,
        boolean useInBandFec,
        boolean useDtx,
        int spatialLayers,
        int temporalLayers) {
}
