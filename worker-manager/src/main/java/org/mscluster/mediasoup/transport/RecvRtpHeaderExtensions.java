package org.mscluster.mediasoup.transport;

/** Ids of the header extensions a transport reads from incoming RTP; {@code null} when unused. */
public record RecvRtpHeaderExtensions(Integer mid, Integer rid, Integer rrid, Integer absSendTime, Integer transportWideCc01) {
}
