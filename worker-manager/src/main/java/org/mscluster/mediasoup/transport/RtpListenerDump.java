package org.mscluster.mediasoup.transport;

import java.util.Map;

/** How a transport routes incoming RTP to its producers: by SSRC, by MID and by RID (values are producer ids). */
public record RtpListenerDump(Map<Long, String> ssrcTable, Map<String, String> midTable, Map<String, String> ridTable) {
}
