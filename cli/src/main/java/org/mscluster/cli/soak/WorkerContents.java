package org.mscluster.cli.soak;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterDump;
import org.mscluster.mediasoup.webrtcserver.WebRtcServerDump;
import org.mscluster.mediasoup.worker.WorkerDump;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.media.MediaWorker;

/**
 * What a node's workers hold, from their own {@code dump()}s, summed over workers and routers:
 * routers, and per router transports, producers, consumers, data producers and consumers and RTP
 * observers; the WebRtcServer's transports and ICE usernames; and, beside the worker's view, the
 * node's (rooms) and the Java layer's (router objects). After the churn all but the WebRtcServer
 * must be zero.
 */
public final class WorkerContents {

    private WorkerContents() {
    }

    public static Map<String, Object> of(NodeServer node) throws Exception {
        long routers = 0;
        long routerObjects = 0;
        long transports = 0;
        long producers = 0;
        long consumers = 0;
        long dataProducers = 0;
        long dataConsumers = 0;
        long rtpObservers = 0;
        long webRtcServers = 0;
        long serverTransports = 0;
        long serverIceUsernames = 0;
        for (MediaWorker worker : node.workers().all()) {
            WorkerDump dump = worker.worker().dump().get(10, TimeUnit.SECONDS);
            routers += dump.routerIds().size();
            webRtcServers += dump.webRtcServerIds().size();
            WebRtcServerDump server = worker.webRtcServer().dump().get(10, TimeUnit.SECONDS);
            serverTransports += server.webRtcTransportIds().size();
            serverIceUsernames += server.localIceUsernameFragments().size();
            for (Router router : List.copyOf(worker.worker().routersForTesting())) {
                routerObjects++;
                RouterDump routerDump;
                try {
                    routerDump = router.dump().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    continue; // closed since listed
                }
                transports += routerDump.transportIds().size();
                rtpObservers += routerDump.rtpObserverIds().size();
                producers += routerDump.mapProducerIdConsumerIds().size();
                consumers += routerDump.mapConsumerIdProducerId().size();
                dataProducers += routerDump.mapDataProducerIdDataConsumerIds().size();
                dataConsumers += routerDump.mapDataConsumerIdDataProducerId().size();
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rooms", node.rooms().rooms().size());
        out.put("routers", routers);
        out.put("routerObjects", routerObjects);
        out.put("transports", transports);
        out.put("producers", producers);
        out.put("consumers", consumers);
        out.put("dataProducers", dataProducers);
        out.put("dataConsumers", dataConsumers);
        out.put("rtpObservers", rtpObservers);
        out.put("webRtcServers", webRtcServers);
        out.put("webRtcServerTransports", serverTransports);
        out.put("webRtcServerIceUsernames", serverIceUsernames);
        return out;
    }
}
