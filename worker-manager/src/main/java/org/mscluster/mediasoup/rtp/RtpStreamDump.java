package org.mscluster.mediasoup.rtp;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One RTP stream inside a producer or consumer dump: its parameters, its score (0–10) and its RTX
 * stream if it has one ({@code null} otherwise).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RtpStreamDump(RtpStreamParametersDump params, int score, RtxStreamDump rtxStream) {

    /** The RTX stream of a dumped RTP stream ({@code {params}} in Node). */
    public record RtxStreamDump(RtxStreamParameters params) {
    }
}
