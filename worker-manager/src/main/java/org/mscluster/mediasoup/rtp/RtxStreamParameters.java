package org.mscluster.mediasoup.rtp;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RTX stream as a dump reports it; {@code rrid} is the repaired stream's RID, {@code null} if none. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RtxStreamParameters(long ssrc, int payloadType, String mimeType, long clockRate, String rrid, String cname) {
}
