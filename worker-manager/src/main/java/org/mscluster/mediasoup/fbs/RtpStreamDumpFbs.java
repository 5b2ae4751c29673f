package org.mscluster.mediasoup.fbs;

import FBS.RtpStream.Dump;
import FBS.RtpStream.Params;
import FBS.RtxStream.RtxDump;
import org.mscluster.mediasoup.rtp.RtpStreamDump;
import org.mscluster.mediasoup.rtp.RtpStreamParametersDump;
import org.mscluster.mediasoup.rtp.RtxStreamParameters;

/** The RTP streams of producer and consumer dumps, from the schema's {@code RtpStream.Dump}. */
public final class RtpStreamDumpFbs {

    private RtpStreamDumpFbs() {
    }

    public static RtpStreamDump parse(Dump data) {
        RtxDump rtx = data.rtxStream();
        return new RtpStreamDump(parseParams(data.params()), data.score(),
                rtx == null ? null : new RtpStreamDump.RtxStreamDump(parseRtxParams(rtx.params())));
    }

    private static RtpStreamParametersDump parseParams(Params data) {
        return new RtpStreamParametersDump(
                data.encodingIdx(),
                data.ssrc(),
                data.payloadType(),
                data.mimeType(),
                data.clockRate(),
                RtpEncodingsFbs.emptyToNull(data.rid()),
                data.cname(),
                data.hasRtxSsrc() ? data.rtxSsrc() : null,
                data.hasRtxPayloadType() ? data.rtxPayloadType() : null,
                data.useNack(),
                data.usePli(),
                data.useFir(),
                data.useInBandFec(),
                data.useDtx(),
                data.spatialLayers(),
                data.temporalLayers());
    }

    private static RtxStreamParameters parseRtxParams(FBS.RtxStream.Params data) {
        return new RtxStreamParameters(data.ssrc(), data.payloadType(), data.mimeType(), data.clockRate(),
                RtpEncodingsFbs.emptyToNull(data.rrid()), data.cname());
    }
}
