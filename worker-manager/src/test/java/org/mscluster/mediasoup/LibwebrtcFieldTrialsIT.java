package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mscluster.mediasoup.Futures.await;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.consumer.Consumer;
import org.mscluster.mediasoup.consumer.ConsumerOptions;
import org.mscluster.mediasoup.consumer.ConsumerType;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.producer.ProducerOptions;
import org.mscluster.mediasoup.router.PipeToRouterOptions;
import org.mscluster.mediasoup.router.PipeToRouterResult;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterOptions;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.transport.PipeTransport;
import org.mscluster.mediasoup.transport.PipeTransportOptions;
import org.mscluster.mediasoup.transport.WebRtcTransport;
import org.mscluster.mediasoup.transport.WebRtcTransportOptions;
import org.mscluster.mediasoup.worker.Worker;
import org.mscluster.mediasoup.worker.WorkerLogLevel;
import org.mscluster.mediasoup.worker.WorkerMode;
import org.mscluster.mediasoup.worker.WorkerSettings;

/**
 * The in-process hazard of CHANNEL.md: mediasoup 3.27.1 hands libwebrtc the field-trials string of
 * the first worker thread, which dies with that thread, and libwebrtc reads it whenever a transport
 * builds a congestion controller. So: a first worker comes and goes (its thread has ended), then
 * later workers build congestion controllers on both sides (a producer with transport-cc, a
 * consumer with transport-cc) and pipe a producer to another router. None may crash or die.
 */
class LibwebrtcFieldTrialsIT {

    /** Long enough that the string lives on the heap (no small-string buffer), where freed memory gets reused. */
    private static final String FIELD_TRIALS =
            "WebRTC-Bwe-AlrLimitedBackoff/Enabled/WebRTC-Bwe-ProbingConfiguration/p1:2.0,p2:4.0/";

    static final RouterOptions ROUTER_OPTIONS = JsLiterals.read(RouterOptions.class, """
            { mediaCodecs: [
                { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
                { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
            ] }""");

    static final ProducerOptions VIDEO_PRODUCER_OPTIONS = JsLiterals.read(ProducerOptions.class, """
            {
                kind: 'video',
                rtpParameters: {
                    mid: 'VIDEO',
                    codecs: [
                        {
                            mimeType: 'video/VP8', payloadType: 112, clockRate: 90000,
                            rtcpFeedback: [ { type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'transport-cc' } ],
                        },
                    ],
                    headerExtensions: [
                        { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10 },
                        { uri: 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01', id: 5 },
                    ],
                    encodings: [ { ssrc: 22222222 } ],
                    rtcp: { cname: 'FOOBAR' },
                },
            }""");

    static final RtpCapabilities CONSUMER_CAPABILITIES = JsLiterals.read(RtpCapabilities.class, """
            {
                codecs: [
                    {
                        kind: 'video', mimeType: 'video/VP8', preferredPayloadType: 101, clockRate: 90000,
                        rtcpFeedback: [ { type: 'nack' }, { type: 'ccm', parameter: 'fir' }, { type: 'transport-cc' } ],
                    },
                ],
                headerExtensions: [
                    {
                        kind: 'video', uri: 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
                        preferredId: 5, preferredEncrypt: false,
                    },
                ],
            }""");

    private static Worker start() throws Exception {
        return Mediasoup.createWorker(WorkerSettings.builder().mode(WorkerMode.IN_PROCESS).logLevel(WorkerLogLevel.WARN)
                .libwebrtcFieldTrials(FIELD_TRIALS).build()).get(20, TimeUnit.SECONDS);
    }

    @Test
    void transportsOnWorkersStartedAfterTheFirstOneEndedBuildCongestionControllersWithoutCrashing() throws Exception {
        Worker first = start();
        Router firstRouter = await(first.createRouter(ROUTER_OPTIONS));
        buildCongestionControllers(firstRouter, null);
        first.close();
        assertThat(first.whenSubprocessClosed().get(10, TimeUnit.SECONDS).clean()).isTrue();

        for (int generation = 0; generation < 2; generation++) {
            Worker worker = start();
            Worker other = start();
            try {
                Router router = await(worker.createRouter(ROUTER_OPTIONS));
                Router otherRouter = await(other.createRouter(ROUTER_OPTIONS));
                buildCongestionControllers(router, otherRouter);
                NoLeftovers.assertClean(worker);
                NoLeftovers.assertClean(other);
                assertThat(worker.died()).isFalse();
                assertThat(other.died()).isFalse();
            } finally {
                worker.close();
                other.close();
            }
            assertThat(worker.whenSubprocessClosed().get(10, TimeUnit.SECONDS).clean()).isTrue();
            assertThat(other.whenSubprocessClosed().get(10, TimeUnit.SECONDS).clean()).isTrue();
        }
    }

    /**
     * A transport-cc producer (the receiving side's congestion controller), a transport-cc consumer
     * (the sending side's), and, with {@code otherRouter}, that producer piped to a router of
     * another worker and consumed there over a WebRtcTransport and through the PipeTransport.
     */
    private static void buildCongestionControllers(Router router, Router otherRouter) throws Exception {
        WebRtcTransportOptions options = WebRtcTransportOptions.builder().listenInfos(ListenInfo.udp("127.0.0.1")).build();
        WebRtcTransport sending = await(router.createWebRtcTransport(options));
        WebRtcTransport receiving = await(router.createWebRtcTransport(options));
        Producer producer = await(sending.produce(VIDEO_PRODUCER_OPTIONS));
        Consumer consumer = await(receiving.consume(ConsumerOptions.of(producer.id(), CONSUMER_CAPABILITIES)));
        assertThat(await(consumer.getStats())).isNotNull();
        // The worker reports these figures only once the congestion controllers exist.
        assertThat(await(receiving.getStats()).get(0).availableOutgoingBitrate()).as("transport-cc client built").isNotNull();
        assertThat(await(sending.getStats()).get(0).availableIncomingBitrate()).as("transport-cc server built").isNotNull();
        if (otherRouter == null) {
            return;
        }
        PipeToRouterResult piped = await(router.pipeToRouter(PipeToRouterOptions.builder()
                .producerId(producer.id()).router(otherRouter).build()));
        assertThat(piped.pipeConsumer().type()).isEqualTo(ConsumerType.PIPE);
        WebRtcTransport remoteReceiving = await(otherRouter.createWebRtcTransport(options));
        Consumer remoteConsumer = await(remoteReceiving.consume(ConsumerOptions.of(piped.pipeProducer().id(), CONSUMER_CAPABILITIES)));
        assertThat(await(remoteConsumer.getStats())).isNotNull();
        PipeTransport pipeTransport = await(otherRouter.createPipeTransport(PipeTransportOptions.builder().listenIp("127.0.0.1").build()));
        Consumer pipeConsumer = await(pipeTransport.consume(ConsumerOptions.builder().producerId(piped.pipeProducer().id()).build()));
        assertThat(pipeConsumer.kind()).isEqualTo(VIDEO_PRODUCER_OPTIONS.kind());
        assertThat(List.of(await(router.dump()), await(otherRouter.dump()))).allMatch(dump -> !dump.transportIds().isEmpty());
    }
}
