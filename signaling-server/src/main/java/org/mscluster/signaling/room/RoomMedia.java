package org.mscluster.signaling.room;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.mscluster.mediasoup.consumer.Consumer;
import org.mscluster.mediasoup.consumer.ConsumerOptions;
import org.mscluster.mediasoup.data.DataConsumer;
import org.mscluster.mediasoup.data.DataConsumerOptions;
import org.mscluster.mediasoup.data.DataProducer;
import org.mscluster.mediasoup.data.DataProducerOptions;
import org.mscluster.mediasoup.observer.ActiveSpeakerObserver;
import org.mscluster.mediasoup.observer.ActiveSpeakerObserverOptions;
import org.mscluster.mediasoup.observer.AudioLevelObserver;
import org.mscluster.mediasoup.observer.AudioLevelObserverOptions;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.producer.ProducerOptions;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterOptions;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.mediasoup.sctp.SctpStreamParameters;
import org.mscluster.mediasoup.transport.WebRtcTransport;
import org.mscluster.mediasoup.transport.WebRtcTransportOptions;
import org.mscluster.mediasoup.webrtcserver.WebRtcServer;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.signaling.media.MediaCodecs;

/**
 * The mediasoup calls a room makes, with the options the demo uses, in one place: what a room asks
 * of the SFU reads here in a page, and the room logic stays free of option builders.
 */
final class RoomMedia {

    private final RoomSettings settings;

    RoomMedia(RoomSettings settings) {
        this.settings = settings;
    }

    CompletableFuture<Router> createRouter(Worker worker) {
        return worker.createRouter(RouterOptions.of(MediaCodecs.routerCodecs()));
    }

    CompletableFuture<AudioLevelObserver> createAudioLevelObserver(Router router) {
        // One entry: the UI shows the loudest speaker, as the demo does.
        return router.createAudioLevelObserver(new AudioLevelObserverOptions(1, settings.audioLevelThresholdDbov(),
                settings.audioLevelIntervalMs(), null));
    }

    /**
     * Every audible producer (as many entries as a uint16 holds), for {@code audioLevels}. Paused: it runs
     * only while a peer that asked for levels is in the room.
     */
    CompletableFuture<AudioLevelObserver> createAudioLevelsObserver(Router router) {
        return router.createAudioLevelObserver(new AudioLevelObserverOptions(0xFFFF, settings.audioLevelThresholdDbov(),
                settings.audioLevelsIntervalMs(), null)).thenCompose(observer -> observer.pause().thenApply(nothing -> observer));
    }

    CompletableFuture<ActiveSpeakerObserver> createActiveSpeakerObserver(Router router) {
        return router.createActiveSpeakerObserver(ActiveSpeakerObserverOptions.defaults());
    }

    /**
     * A transport on the worker's single-port server. SCTP is always on: mediasoup-client 3.24 no
     * longer sends sctpCapabilities, and without SCTP the data channels (chat) silently fail.
     */
    CompletableFuture<WebRtcTransport> createWebRtcTransport(Router router, WebRtcServer server, boolean forceTcp,
            Map<String, Object> appData) {
        return router.createWebRtcTransport(WebRtcTransportOptions.builder()
                .webRtcServer(server)
                .enableUdp(!forceTcp)
                .enableTcp(true)
                .preferUdp(!forceTcp)
                .iceConsentTimeout(settings.iceConsentTimeoutSeconds())
                .initialAvailableOutgoingBitrate(settings.initialAvailableOutgoingBitrate())
                .enableSctp(true)
                .maxSendMessageSize(settings.maxSctpMessageSize())
                .maxReceiveMessageSize(settings.maxSctpMessageSize())
                .appData(appData)
                .build());
    }

    CompletableFuture<Producer> produce(WebRtcTransport transport, MediaKind kind, RtpParameters rtpParameters,
            Map<String, Object> appData) {
        return transport.produce(ProducerOptions.builder().kind(kind).rtpParameters(rtpParameters).appData(appData).build());
    }

    /** Paused until the client has its consumer ready (see the fan-out), NACK for Opus, DTX packets dropped. */
    CompletableFuture<Consumer> consume(WebRtcTransport transport, String producerId, RtpCapabilities capabilities) {
        return transport.consume(ConsumerOptions.builder()
                .producerId(producerId)
                .rtpCapabilities(capabilities)
                .paused(true)
                .enableRtx(true)
                .ignoreDtx(true)
                .build());
    }

    CompletableFuture<DataProducer> produceData(WebRtcTransport transport, SctpStreamParameters parameters, String label,
            String protocol, Map<String, Object> appData) {
        return transport.produceData(DataProducerOptions.builder().sctpStreamParameters(parameters).label(label)
                .protocol(protocol).appData(appData).build());
    }

    CompletableFuture<DataConsumer> consumeData(WebRtcTransport transport, String dataProducerId) {
        return transport.consumeData(DataConsumerOptions.of(dataProducerId));
    }

    boolean canConsume(Router router, String producerId, RtpCapabilities capabilities) {
        return router.canConsume(producerId, capabilities);
    }
}
