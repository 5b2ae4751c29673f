package org.mscluster.mediasoup.webrtcserver;

import java.util.List;
import java.util.Map;
import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.worker.Worker;

/** Options of {@link Worker#createWebRtcServer}: the addresses it listens on, in order of preference. */
public record WebRtcServerOptions(List<ListenInfo> listenInfos, Map<String, Object> appData) {

    public static WebRtcServerOptions of(List<ListenInfo> listenInfos) {
        return new WebRtcServerOptions(listenInfos, null);
    }
}
