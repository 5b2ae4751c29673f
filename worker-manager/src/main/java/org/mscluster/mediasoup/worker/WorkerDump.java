package org.mscluster.mediasoup.worker;

import java.util.List;

/** The Node layer's {@code WorkerDump}. */
public record WorkerDump(
        long pid,
        List<String> webRtcServerIds,
        List<String> routerIds,
        ChannelMessageHandlers channelMessageHandlers) {

    public record ChannelMessageHandlers(List<String> channelRequestHandlers, List<String> channelNotificationHandlers) {
    }
}
