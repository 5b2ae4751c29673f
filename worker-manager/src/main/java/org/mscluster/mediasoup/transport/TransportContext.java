package org.mscluster.mediasoup.transport;

import java.util.Map;
import org.mscluster.channel.Channel;
import org.mscluster.mediasoup.router.RouterLinks;

/** What a router hands each transport it creates (Node's constructor options of a transport). */
public record TransportContext(String routerId, String transportId, Channel channel, Map<String, Object> appData, RouterLinks router) {
}
