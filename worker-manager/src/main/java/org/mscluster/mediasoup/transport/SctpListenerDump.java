package org.mscluster.mediasoup.transport;

import java.util.Map;

/** How a transport routes incoming SCTP messages: stream id to data producer id. */
public record SctpListenerDump(Map<Integer, String> streamIdTable) {
}
