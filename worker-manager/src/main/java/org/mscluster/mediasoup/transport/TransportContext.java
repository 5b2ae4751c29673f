package org.mscluster.mediasoup.transport;

import org.mscluster.mediasoup.router.RouterLinks;

import java.util.Map;
import org.mscluster.channel.Channel;

/** What a router hands each transport it creates (Node's constructor options of a transport). */
public record TransportContext(String routerId, String transportId, Channel channel, Map<String, Object> appData, RouterLinks router) {
}
