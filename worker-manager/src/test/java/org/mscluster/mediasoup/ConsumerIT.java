package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.mscluster.mediasoup.Futures.await;
import static org.mscluster.mediasoup.Futures.failure;

import FBS.Consumer.ScoreNotification;
import FBS.Notification.Event;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.consumer.Consumer;
import org.mscluster.mediasoup.consumer.ConsumerDump;
import org.mscluster.mediasoup.consumer.ConsumerLayers;
import org.mscluster.mediasoup.consumer.ConsumerOptions;
import org.mscluster.mediasoup.consumer.ConsumerScore;
import org.mscluster.mediasoup.consumer.ConsumerTraceEventType;
import org.mscluster.mediasoup.consumer.ConsumerType;
import org.mscluster.mediasoup.errors.NotFoundError;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.errors.UnsupportedError;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.producer.ProducerOptions;
import org.mscluster.mediasoup.producer.ProducerType;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterDump;
import org.mscluster.mediasoup.router.RouterOptions;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtcpFeedback;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.RtpCodecParameters;
import org.mscluster.mediasoup.rtp.RtpEncodingParameters;
import org.mscluster.mediasoup.rtp.RtpHeaderExtensionParameters;
import org.mscluster.mediasoup.rtp.RtpStreamStats;
import org.mscluster.mediasoup.transport.Transport;
import org.mscluster.mediasoup.transport.WebRtcTransport;
import org.mscluster.mediasoup.transport.WebRtcTransportOptions;
import org.mscluster.mediasoup.worker.Worker;

/** Port of mediasoup 3.27.1's {@code node/lib/test/test-Consumer.js}, against the real worker. */
class ConsumerIT {

    static final RouterOptions ROUTER_OPTIONS = JsLiterals.read(RouterOptions.class, """
            { mediaCodecs: [
                { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, parameters: { foo: 'bar' } },
                { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
                {
                    kind: 'video', mimeType: 'video/H264', clockRate: 90000,
                    parameters: {
                        'level-asymmetry-allowed': 1, 'packetization-mode': 1, 'profile-level-id': '4d0032', foo: 'bar',
                    },
                },
            ] }""");

    static final ProducerOptions AUDIO_PRODUCER_OPTIONS = JsLiterals.read(ProducerOptions.class, """
            {
                kind: 'audio',
                rtpParameters: {
                    mid: 'AUDIO',
                    codecs: [
                        {
                            mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2,
                            parameters: { useinbandfec: 1, usedtx: 1, foo: 222.222, bar: '333' },
                        },
                    ],
                    headerExtensions: [
                        { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10 },
                        { uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 12 },
                    ],
                    encodings: [{ ssrc: 11111111 }],
                    rtcp: { cname: 'FOOBAR' },
                    msid: '1111-1111-1111-1111 2222-2222-2222-2222',
                },
                appData: { foo: 1, bar: '2' },
            }""");

    static final ProducerOptions VIDEO_PRODUCER_OPTIONS = JsLiterals.read(ProducerOptions.class, """
            {
                kind: 'video',
                rtpParameters: {
                    mid: 'VIDEO',
                    codecs: [
                        {
                            mimeType: 'video/h264', payloadType: 112, clockRate: 90000,
                            parameters: { 'packetization-mode': 1, 'profile-level-id': '4d0032' },
                            rtcpFeedback: [
                                { type: 'nack', parameter: '' },
                                { type: 'nack', parameter: 'pli' },
                                { type: 'goog-remb', parameter: '' },
                            ],
                        },
                        { mimeType: 'video/rtx', payloadType: 113, clockRate: 90000, parameters: { apt: 112 } },
                    ],
                    headerExtensions: [
                        { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10 },
                        { uri: 'urn:3gpp:video-orientation', id: 13 },
                    ],
                    encodings: [
                        { ssrc: 22222222, scalabilityMode: 'L1T5', rtx: { ssrc: 22222223 } },
                        { ssrc: 22222224, scalabilityMode: 'L1T5', rtx: { ssrc: 22222225 } },
                        { ssrc: 22222226, scalabilityMode: 'L1T5', rtx: { ssrc: 22222227 } },
                        { ssrc: 22222228, scalabilityMode: 'L1T5', rtx: { ssrc: 22222229 } },
                    ],
                    rtcp: { cname: 'FOOBAR' },
                },
                appData: { foo: 1, bar: '2' },
            }""");

    static final RtpCapabilities CONSUMER_DEVICE_CAPABILITIES = JsLiterals.read(RtpCapabilities.class, """
            {
                codecs: [
                    {
                        mimeType: 'audio/opus', kind: 'audio', preferredPayloadType: 100, clockRate: 48000, channels: 2,
                        rtcpFeedback: [{ type: 'nack', parameter: '' }],
                    },
                    {
                        mimeType: 'video/H264', kind: 'video', preferredPayloadType: 101, clockRate: 90000,
                        parameters: { 'level-asymmetry-allowed': 1, 'packetization-mode': 1, 'profile-level-id': '4d0032' },
                        rtcpFeedback: [
                            { type: 'nack', parameter: '' },
                            { type: 'nack', parameter: 'pli' },
                            { type: 'ccm', parameter: 'fir' },
                            { type: 'goog-remb', parameter: '' },
                        ],
                    },
                    {
                        mimeType: 'video/rtx', kind: 'video', preferredPayloadType: 102, clockRate: 90000,
                        parameters: { apt: 101 }, rtcpFeedback: [],
                    },
                ],
                headerExtensions: [
                    { kind: 'audio', uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 1, preferredEncrypt: false },
                    { kind: 'video', uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 1, preferredEncrypt: false },
                    { kind: 'video', uri: 'urn:ietf:params:rtp-hdrext:sdes:rtp-stream-id', preferredId: 2,
                      preferredEncrypt: false },
                    { kind: 'audio', uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time', preferredId: 4,
                      preferredEncrypt: false },
                    { kind: 'video', uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time', preferredId: 4,
                      preferredEncrypt: false },
                    { kind: 'audio', uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', preferredId: 6,
                      preferredEncrypt: false },
                    { kind: 'video', uri: 'urn:3gpp:video-orientation', preferredId: 8, preferredEncrypt: false },
                    { kind: 'video', uri: 'urn:ietf:params:rtp-hdrext:toffset', preferredId: 9, preferredEncrypt: false },
                ],
            }""");

    static final RouterOptions VPX_ROUTER_OPTIONS = JsLiterals.read(RouterOptions.class, """
            { mediaCodecs: [
                {
                    kind: 'video', mimeType: 'video/VP8', clockRate: 90000,
                    rtcpFeedback: [
                        { type: 'nack', parameter: '' }, { type: 'nack', parameter: 'pli' },
                        { type: 'ccm', parameter: 'fir' }, { type: 'goog-remb', parameter: '' },
                    ],
                },
                {
                    kind: 'video', mimeType: 'video/VP9', clockRate: 90000,
                    rtcpFeedback: [
                        { type: 'nack', parameter: '' }, { type: 'nack', parameter: 'pli' },
                        { type: 'ccm', parameter: 'fir' }, { type: 'goog-remb', parameter: '' },
                    ],
                },
            ] }""");

    static final ProducerOptions VP9_SVC_PRODUCER_OPTIONS = JsLiterals.read(ProducerOptions.class, """
            {
                kind: 'video',
                rtpParameters: {
                    mid: 'VIDEOSVC',
                    codecs: [
                        {
                            mimeType: 'video/VP9', payloadType: 96, clockRate: 90000, parameters: {},
                            rtcpFeedback: [
                                { type: 'nack', parameter: '' }, { type: 'nack', parameter: 'pli' },
                                { type: 'ccm', parameter: 'fir' }, { type: 'goog-remb', parameter: '' },
                            ],
                        },
                    ],
                    headerExtensions: [],
                    encodings: [{ ssrc: 33333333, scalabilityMode: 'L3T3' }],
                    rtcp: { cname: 'FOOBAR' },
                },
                appData: { foo: 1, bar: '2' },
            }""");

    static final ProducerOptions VP8_SIMULCAST_PRODUCER_OPTIONS = JsLiterals.read(ProducerOptions.class, """
            {
                kind: 'video',
                rtpParameters: {
                    mid: 'VIDEOVP8',
                    codecs: [
                        {
                            mimeType: 'video/VP8', payloadType: 96, clockRate: 90000, parameters: {},
                            rtcpFeedback: [
                                { type: 'nack', parameter: '' }, { type: 'nack', parameter: 'pli' },
                                { type: 'ccm', parameter: 'fir' }, { type: 'goog-remb', parameter: '' },
                            ],
                        },
                    ],
                    headerExtensions: [],
                    encodings: [
                        { ssrc: 44444441, scalabilityMode: 'L1T5' },
                        { ssrc: 44444442, scalabilityMode: 'L1T5' },
                        { ssrc: 44444443, scalabilityMode: 'L1T5' },
                    ],
                    rtcp: { cname: 'FOOBAR' },
                },
                appData: { foo: 1, bar: '2' },
            }""");

    static final RtpCapabilities VPX_CONSUMER_DEVICE_CAPABILITIES = JsLiterals.read(RtpCapabilities.class, """
            {
                codecs: [
                    {
                        kind: 'video', mimeType: 'video/VP8', preferredPayloadType: 101, clockRate: 90000,
                        rtcpFeedback: [
                            { type: 'nack', parameter: '' }, { type: 'nack', parameter: 'pli' },
                            { type: 'ccm', parameter: 'fir' }, { type: 'goog-remb', parameter: '' },
                        ],
                    },
                    {
                        kind: 'video', mimeType: 'video/VP9', preferredPayloadType: 102, clockRate: 90000,
                        rtcpFeedback: [
                            { type: 'nack', parameter: '' }, { type: 'nack', parameter: 'pli' },
                            { type: 'ccm', parameter: 'fir' }, { type: 'goog-remb', parameter: '' },
                        ],
                    },
                ],
                headerExtensions: [],
            }""");

    private Worker worker;
    private Router router;
    private WebRtcTransport webRtcTransport1;
    private WebRtcTransport webRtcTransport2;
    private Producer audioProducer;
    private Producer videoProducer;

    @BeforeEach
    void createProducers() throws Exception {
        worker = TestWorkers.start();
        router = await(worker.createRouter(ROUTER_OPTIONS));
        webRtcTransport1 = await(router.createWebRtcTransport(WebRtcTransportOptions.builder().listenIps("127.0.0.1").build()));
        webRtcTransport2 = await(router.createWebRtcTransport(WebRtcTransportOptions.builder().listenIps("127.0.0.1").build()));
        audioProducer = await(webRtcTransport1.produce(AUDIO_PRODUCER_OPTIONS));
        videoProducer = await(webRtcTransport1.produce(VIDEO_PRODUCER_OPTIONS));
    }

    @AfterEach
    void closeWorker() throws Exception {
        try {
            NoLeftovers.assertClean(worker);
        } finally {
            TestWorkers.close(worker);
        }
    }

    private static RtpCodecParameters codec(String literal) {
        return JsLiterals.read(RtpCodecParameters.class, literal);
    }

    private Consumer consumeAudio() throws Exception {
        return await(webRtcTransport2.consume(ConsumerOptions.of(audioProducer.id(), CONSUMER_DEVICE_CAPABILITIES)));
    }

    private Consumer consumeVideo() throws Exception {
        return await(webRtcTransport2.consume(ConsumerOptions.of(videoProducer.id(), CONSUMER_DEVICE_CAPABILITIES)));
    }

    /** Two WebRTC transports on a router with VP8 and VP9, as several jest tests build them. */
    private WebRtcTransport[] vpxTransports() throws Exception {
        Router vpxRouter = await(worker.createRouter(VPX_ROUTER_OPTIONS));
        return new WebRtcTransport[] {
            await(vpxRouter.createWebRtcTransport(WebRtcTransportOptions.builder().listenIps("127.0.0.1").build())),
            await(vpxRouter.createWebRtcTransport(WebRtcTransportOptions.builder().listenIps("127.0.0.1").build())),
        };
    }

    @Test
    void transportConsumeSucceeds() throws Exception {
        List<Consumer> newConsumers1 = new ArrayList<>();
        webRtcTransport2.observer().once(Transport.NEW_CONSUMER, newConsumers1::add);
        assertThat(router.canConsume(audioProducer.id(), CONSUMER_DEVICE_CAPABILITIES)).isTrue();

        Consumer audioConsumer = await(webRtcTransport2.consume(ConsumerOptions.builder()
                .producerId(audioProducer.id()).rtpCapabilities(CONSUMER_DEVICE_CAPABILITIES)
                .appData(Map.of("baz", "LOL")).build()));

        assertThat(newConsumers1).containsExactly(audioConsumer);
        assertThat(audioConsumer.id()).isNotBlank();
        assertThat(audioConsumer.producerId()).isEqualTo(audioProducer.id());
        assertThat(audioConsumer.closed()).isFalse();
        assertThat(audioConsumer.kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(audioConsumer.rtpParameters().mid()).isEqualTo("0");
        assertThat(audioConsumer.rtpParameters().codecs()).containsExactly(codec("""
                {
                    mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2,
                    parameters: { useinbandfec: 1, usedtx: 1, foo: 222.222, bar: '333' },
                    rtcpFeedback: [],
                }"""));
        assertThat(audioConsumer.rtpParameters().msid()).isEqualTo("1111-1111-1111-1111 2222-2222-2222-2222");
        assertThat(audioConsumer.type()).isEqualTo(ConsumerType.SIMPLE);
        assertThat(audioConsumer.paused()).isFalse();
        assertThat(audioConsumer.producerPaused()).isFalse();
        assertThat(audioConsumer.priority()).isEqualTo(1);
        assertThat(audioConsumer.score()).isEqualTo(new ConsumerScore(10, 0, List.of(0)));
        assertThat(audioConsumer.preferredLayers()).isNull();
        assertThat(audioConsumer.currentLayers()).isNull();
        assertThat(audioConsumer.appData()).isEqualTo(Map.of("baz", "LOL"));

        RouterDump dump1 = await(router.dump());
        assertThat(dump1.mapProducerIdConsumerIds()).containsEntry(audioProducer.id(), List.of(audioConsumer.id()));
        assertThat(dump1.mapConsumerIdProducerId()).containsEntry(audioConsumer.id(), audioProducer.id());
        var transportDump1 = await(webRtcTransport2.dump());
        assertThat(transportDump1.id()).isEqualTo(webRtcTransport2.id());
        assertThat(transportDump1.producerIds()).isEmpty();
        assertThat(transportDump1.consumerIds()).containsExactly(audioConsumer.id());

        List<Consumer> newConsumers2 = new ArrayList<>();
        webRtcTransport2.observer().once(Transport.NEW_CONSUMER, newConsumers2::add);
        assertThat(router.canConsume(videoProducer.id(), CONSUMER_DEVICE_CAPABILITIES)).isTrue();
        await(videoProducer.pause());

        Consumer videoConsumer = await(webRtcTransport2.consume(ConsumerOptions.builder()
                .producerId(videoProducer.id()).rtpCapabilities(CONSUMER_DEVICE_CAPABILITIES).paused(true)
                .preferredLayers(ConsumerLayers.of(12, 0)).appData(Map.of("baz", "LOL")).build()));

        assertThat(newConsumers2).containsExactly(videoConsumer);
        assertThat(videoConsumer.id()).isNotBlank();
        assertThat(videoConsumer.producerId()).isEqualTo(videoProducer.id());
        assertThat(videoConsumer.closed()).isFalse();
        assertThat(videoConsumer.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(videoConsumer.rtpParameters().mid()).isEqualTo("1");
        assertThat(videoConsumer.rtpParameters().codecs()).containsExactly(H264_CONSUMER_CODEC, RTX_CONSUMER_CODEC);
        assertThat(videoConsumer.rtpParameters().msid()).isNull();
        assertThat(videoConsumer.type()).isEqualTo(ConsumerType.SIMULCAST);
        assertThat(videoConsumer.paused()).isTrue();
        assertThat(videoConsumer.producerPaused()).isTrue();
        assertThat(videoConsumer.priority()).isEqualTo(1);
        assertThat(videoConsumer.score()).isEqualTo(new ConsumerScore(10, 0, List.of(0, 0, 0, 0)));
        assertThat(videoConsumer.preferredLayers()).isEqualTo(ConsumerLayers.of(3, 0));
        assertThat(videoConsumer.currentLayers()).isNull();
        assertThat(videoConsumer.appData()).isEqualTo(Map.of("baz", "LOL"));

        List<Consumer> newConsumers3 = new ArrayList<>();
        webRtcTransport2.observer().once(Transport.NEW_CONSUMER, newConsumers3::add);
        assertThat(router.canConsume(videoProducer.id(), CONSUMER_DEVICE_CAPABILITIES)).isTrue();

        Consumer videoPipeConsumer = await(webRtcTransport2.consume(ConsumerOptions.builder()
                .producerId(videoProducer.id()).rtpCapabilities(CONSUMER_DEVICE_CAPABILITIES).pipe(true).build()));

        assertThat(newConsumers3).containsExactly(videoPipeConsumer);
        assertThat(videoPipeConsumer.id()).isNotBlank();
        assertThat(videoPipeConsumer.producerId()).isEqualTo(videoProducer.id());
        assertThat(videoPipeConsumer.closed()).isFalse();
        assertThat(videoPipeConsumer.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(videoPipeConsumer.rtpParameters().mid()).isNull();
        assertThat(videoPipeConsumer.rtpParameters().codecs()).containsExactly(H264_CONSUMER_CODEC, RTX_CONSUMER_CODEC);
        assertThat(videoPipeConsumer.type()).isEqualTo(ConsumerType.PIPE);
        assertThat(videoPipeConsumer.paused()).isFalse();
        assertThat(videoPipeConsumer.producerPaused()).isTrue();
        assertThat(videoPipeConsumer.priority()).isEqualTo(1);
        assertThat(videoPipeConsumer.score()).isEqualTo(new ConsumerScore(10, 10, List.of(0, 0, 0, 0)));
        assertThat(videoPipeConsumer.preferredLayers()).isNull();
        assertThat(videoPipeConsumer.currentLayers()).isNull();
        assertThat(videoPipeConsumer.appData()).isEmpty();

        RouterDump dump2 = await(router.dump());
        assertThat(dump2.mapProducerIdConsumerIds()).containsEntry(audioProducer.id(), List.of(audioConsumer.id()));
        assertThat(dump2.mapProducerIdConsumerIds().get(videoProducer.id()))
                .containsExactlyInAnyOrder(videoConsumer.id(), videoPipeConsumer.id());
        assertThat(dump2.mapConsumerIdProducerId())
                .containsEntry(audioConsumer.id(), audioProducer.id())
                .containsEntry(videoConsumer.id(), videoProducer.id())
                .containsEntry(videoPipeConsumer.id(), videoProducer.id());
        var transportDump2 = await(webRtcTransport2.dump());
        assertThat(transportDump2.producerIds()).isEmpty();
        assertThat(transportDump2.consumerIds())
                .containsExactlyInAnyOrder(audioConsumer.id(), videoConsumer.id(), videoPipeConsumer.id());
    }

    static final RtpCodecParameters H264_CONSUMER_CODEC = codec("""
            {
                mimeType: 'video/H264', payloadType: 103, clockRate: 90000,
                parameters: { 'packetization-mode': 1, 'profile-level-id': '4d0032' },
                rtcpFeedback: [
                    { type: 'nack', parameter: '' },
                    { type: 'nack', parameter: 'pli' },
                    { type: 'ccm', parameter: 'fir' },
                    { type: 'goog-remb', parameter: '' },
                ],
            }""");

    static final RtpCodecParameters RTX_CONSUMER_CODEC = codec("""
            { mimeType: 'video/rtx', payloadType: 104, clockRate: 90000, parameters: { apt: 103 }, rtcpFeedback: [] }""");

    @Test
    void transportConsumeWithUnknownProducerIdFails() {
        assertThat(failure(() -> webRtcTransport2.consume(ConsumerOptions.of("12345678", CONSUMER_DEVICE_CAPABILITIES))))
                .isInstanceOf(NotFoundError.class);
    }

    @Test
    void transportConsumeWithEnableRtxSucceeds() throws Exception {
        Consumer audioConsumer2 = await(webRtcTransport2.consume(ConsumerOptions.builder()
                .producerId(audioProducer.id()).rtpCapabilities(CONSUMER_DEVICE_CAPABILITIES).enableRtx(true).build()));

        assertThat(audioConsumer2.kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(audioConsumer2.rtpParameters().codecs()).containsExactly(codec("""
                {
                    mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2,
                    parameters: { useinbandfec: 1, usedtx: 1, foo: 222.222, bar: '333' },
                    rtcpFeedback: [{ type: 'nack', parameter: '' }],
                }"""));
    }

    @Test
    void transportConsumeCanBeCreatedWithUserProvidedMid() throws Exception {
        Consumer audioConsumer1 = consumeAudio();
        assertThat(audioConsumer1.rtpParameters().mid()).matches("^[0-9]+.*");

        Consumer audioConsumer2 = await(webRtcTransport2.consume(ConsumerOptions.builder()
                .producerId(audioProducer.id()).mid("custom-mid").rtpCapabilities(CONSUMER_DEVICE_CAPABILITIES).build()));
        assertThat(audioConsumer2.rtpParameters().mid()).isEqualTo("custom-mid");

        Consumer audioConsumer3 = consumeAudio();
        assertThat(audioConsumer3.rtpParameters().mid()).matches("^[0-9]+.*");
        assertThat(Integer.parseInt(audioConsumer1.rtpParameters().mid()) + 1)
                .isEqualTo(Integer.parseInt(audioConsumer3.rtpParameters().mid()));
    }

    @Test
    void transportConsumeWithIncompatibleRtpCapabilitiesRejectsWithUnsupportedError() {
        RtpCapabilities invalidDeviceCapabilities = JsLiterals.read(RtpCapabilities.class, """
                {
                    codecs: [
                        { kind: 'audio', mimeType: 'audio/ISAC', preferredPayloadType: 100, clockRate: 32000, channels: 1 },
                    ],
                    headerExtensions: [],
                }""");
        assertThat(router.canConsume(audioProducer.id(), invalidDeviceCapabilities)).isFalse();
        assertThat(failure(() -> webRtcTransport2.consume(ConsumerOptions.of(audioProducer.id(), invalidDeviceCapabilities))))
                .isInstanceOf(UnsupportedError.class);

        RtpCapabilities emptyCapabilities = JsLiterals.read(RtpCapabilities.class, "{ codecs: [], headerExtensions: [] }");
        assertThat(router.canConsume(audioProducer.id(), emptyCapabilities)).isFalse();
        assertThat(failure(() -> webRtcTransport2.consume(ConsumerOptions.of(audioProducer.id(), emptyCapabilities))))
                .isInstanceOf(UnsupportedError.class);
    }

    @Test
    void consumerDumpSucceeds() throws Exception {
        Consumer audioConsumer = consumeAudio();
        ConsumerDump dump1 = await(audioConsumer.dump());

        assertThat(dump1.id()).isEqualTo(audioConsumer.id());
        assertThat(dump1.producerId()).isEqualTo(audioConsumer.producerId());
        assertThat(dump1.kind()).isEqualTo(audioConsumer.kind());
        assertThat(dump1.rtpParameters().codecs()).hasSize(1);
        RtpCodecParameters audioCodec = dump1.rtpParameters().codecs().get(0);
        assertThat(audioCodec.mimeType()).isEqualTo("audio/opus");
        assertThat(audioCodec.payloadType()).isEqualTo(100);
        assertThat(audioCodec.clockRate()).isEqualTo(48000);
        assertThat(audioCodec.channels()).isEqualTo(2);
        assertThat(audioCodec.parameters()).isEqualTo(Map.of("useinbandfec", 1, "usedtx", 1, "foo", 222.222, "bar", "333"));
        assertThat(audioCodec.rtcpFeedback()).isEmpty();
        assertThat(dump1.rtpParameters().headerExtensions()).containsExactly(
                new RtpHeaderExtensionParameters("urn:ietf:params:rtp-hdrext:sdes:mid", 1, false, Map.of()),
                new RtpHeaderExtensionParameters("http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time", 4, false, Map.of()),
                new RtpHeaderExtensionParameters("urn:ietf:params:rtp-hdrext:ssrc-audio-level", 6, false, Map.of()));
        assertThat(dump1.rtpParameters().encodings())
                .extracting(RtpEncodingParameters::codecPayloadType, RtpEncodingParameters::ssrc)
                .containsExactly(tuple(100, audioConsumer.rtpParameters().encodings().get(0).ssrc()));
        assertThat(dump1.rtpParameters().msid()).isEqualTo("1111-1111-1111-1111 2222-2222-2222-2222");
        assertThat(dump1.type()).isEqualTo(ConsumerType.SIMPLE);
        assertThat(dump1.consumableRtpEncodings()).extracting(RtpEncodingParameters::ssrc)
                .containsExactly(audioProducer.consumableRtpParameters().encodings().get(0).ssrc());
        assertThat(dump1.supportedCodecPayloadTypes()).containsExactly(100);
        assertThat(dump1.paused()).isFalse();
        assertThat(dump1.producerPaused()).isFalse();
        assertThat(dump1.priority()).isEqualTo(1);

        Consumer videoConsumer = await(webRtcTransport2.consume(ConsumerOptions.builder()
                .producerId(videoProducer.id()).rtpCapabilities(CONSUMER_DEVICE_CAPABILITIES).paused(true).build()));
        ConsumerDump dump2 = await(videoConsumer.dump());

        assertThat(dump2.id()).isEqualTo(videoConsumer.id());
        assertThat(dump2.producerId()).isEqualTo(videoConsumer.producerId());
        assertThat(dump2.kind()).isEqualTo(videoConsumer.kind());
        assertThat(dump2.rtpParameters().codecs()).hasSize(2);
        RtpCodecParameters videoCodec = dump2.rtpParameters().codecs().get(0);
        assertThat(videoCodec.mimeType()).isEqualTo("video/H264");
        assertThat(videoCodec.payloadType()).isEqualTo(103);
        assertThat(videoCodec.clockRate()).isEqualTo(90000);
        assertThat(videoCodec.channels()).isNull();
        assertThat(videoCodec.parameters()).isEqualTo(Map.of("packetization-mode", 1, "profile-level-id", "4d0032"));
        assertThat(videoCodec.rtcpFeedback()).containsExactly(RtcpFeedback.of("nack"), RtcpFeedback.of("nack", "pli"),
                RtcpFeedback.of("ccm", "fir"), RtcpFeedback.of("goog-remb"));
        assertThat(dump2.rtpParameters().headerExtensions()).containsExactly(
                new RtpHeaderExtensionParameters("urn:ietf:params:rtp-hdrext:sdes:mid", 1, false, Map.of()),
                new RtpHeaderExtensionParameters("http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time", 4, false, Map.of()),
                new RtpHeaderExtensionParameters("urn:3gpp:video-orientation", 8, false, Map.of()),
                new RtpHeaderExtensionParameters("urn:ietf:params:rtp-hdrext:toffset", 9, false, Map.of()));
        RtpEncodingParameters videoEncoding = videoConsumer.rtpParameters().encodings().get(0);
        assertThat(dump2.rtpParameters().encodings())
                .extracting(RtpEncodingParameters::codecPayloadType, RtpEncodingParameters::ssrc, e -> e.rtx().ssrc(),
                        RtpEncodingParameters::scalabilityMode)
                .containsExactly(tuple(103, videoEncoding.ssrc(), videoEncoding.rtx().ssrc(), "L4T5"));
        assertThat(dump2.rtpParameters().msid()).isNull();
        List<RtpEncodingParameters> producerEncodings = videoProducer.consumableRtpParameters().encodings();
        assertThat(dump2.consumableRtpEncodings())
                .extracting(RtpEncodingParameters::ssrc, RtpEncodingParameters::scalabilityMode)
                .containsExactly(
                        tuple(producerEncodings.get(0).ssrc(), "L1T5"),
                        tuple(producerEncodings.get(1).ssrc(), "L1T5"),
                        tuple(producerEncodings.get(2).ssrc(), "L1T5"),
                        tuple(producerEncodings.get(3).ssrc(), "L1T5"));
        assertThat(dump2.supportedCodecPayloadTypes()).containsExactly(103);
        assertThat(dump2.paused()).isTrue();
        assertThat(dump2.producerPaused()).isFalse();
        assertThat(dump2.priority()).isEqualTo(1);
    }

    @Test
    void consumerGetStatsSucceeds() throws Exception {
        Consumer audioConsumer = consumeAudio();
        assertThat(await(audioConsumer.getStats()))
                .extracting(RtpStreamStats::type, RtpStreamStats::kind, RtpStreamStats::mimeType, RtpStreamStats::ssrc)
                .containsExactly(tuple("outbound-rtp", MediaKind.AUDIO, "audio/opus",
                        audioConsumer.rtpParameters().encodings().get(0).ssrc()));

        Consumer videoConsumer = consumeVideo();
        assertThat(await(videoConsumer.getStats()))
                .extracting(RtpStreamStats::type, RtpStreamStats::kind, RtpStreamStats::mimeType, RtpStreamStats::ssrc)
                .containsExactly(tuple("outbound-rtp", MediaKind.VIDEO, "video/H264",
                        videoConsumer.rtpParameters().encodings().get(0).ssrc()));
    }

    @Test
    void consumerPauseAndResumeSucceed() throws Exception {
        Consumer audioConsumer = consumeAudio();
        AtomicInteger onObserverPause = new AtomicInteger();
        AtomicInteger onObserverResume = new AtomicInteger();
        audioConsumer.observer().on(Consumer.OBSERVER_PAUSE, nothing -> onObserverPause.incrementAndGet());
        audioConsumer.observer().on(Consumer.OBSERVER_RESUME, nothing -> onObserverResume.incrementAndGet());

        await(audioConsumer.pause());
        assertThat(audioConsumer.paused()).isTrue();
        assertThat(await(audioConsumer.dump()).paused()).isTrue();

        await(audioConsumer.resume());
        assertThat(audioConsumer.paused()).isFalse();
        assertThat(await(audioConsumer.dump()).paused()).isFalse();

        // Even if we don't await for pause()/resume() completion, the observer must
        // fire 'pause' and 'resume' events if state was the opposite.
        audioConsumer.pause();
        audioConsumer.resume();
        audioConsumer.pause();
        audioConsumer.pause();
        audioConsumer.pause();
        await(audioConsumer.resume());

        assertThat(onObserverPause).hasValue(3);
        assertThat(onObserverResume).hasValue(3);
    }

    @Test
    void producerPauseAndResumeEmitEvents() throws Exception {
        Consumer audioConsumer = consumeAudio();
        List<String> events = new CopyOnWriteArrayList<>();
        audioConsumer.observer().once(Consumer.OBSERVER_RESUME, nothing -> events.add("resume"));
        audioConsumer.observer().once(Consumer.OBSERVER_PAUSE, nothing -> events.add("pause"));

        CompletableFuture.allOf(audioProducer.pause(), audioProducer.resume()).get(5, TimeUnit.SECONDS);

        // The consumer learns it through notifications, which may come after the responses.
        Awaitility.await().atMost(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(events).containsExactly("pause", "resume"));
        assertThat(audioConsumer.paused()).isFalse();
    }

    @Test
    void consumerSetPreferredLayersSucceed() throws Exception {
        Consumer audioConsumer = consumeAudio();
        Consumer videoConsumer = consumeVideo();

        await(audioConsumer.setPreferredLayers(ConsumerLayers.of(1, 1)));
        assertThat(audioConsumer.preferredLayers()).isNull();

        await(videoConsumer.setPreferredLayers(ConsumerLayers.of(2, 3)));
        assertThat(videoConsumer.preferredLayers()).isEqualTo(ConsumerLayers.of(2, 3));

        await(videoConsumer.setPreferredLayers(ConsumerLayers.of(3)));
        assertThat(videoConsumer.preferredLayers()).isEqualTo(ConsumerLayers.of(3, 4));

        await(videoConsumer.setPreferredLayers(ConsumerLayers.of(3, 0)));
        assertThat(videoConsumer.preferredLayers()).isEqualTo(ConsumerLayers.of(3, 0));

        await(videoConsumer.setPreferredLayers(ConsumerLayers.of(66, 66)));
        assertThat(videoConsumer.preferredLayers()).isEqualTo(ConsumerLayers.of(3, 4));
    }

    /** Node's {@code {}}, {@code {foo: '123'}}, {@code 'foo'} and {@code {temporalLayer: 2}}: no spatial layer. */
    @Test
    void consumerSetPreferredLayersWithWrongArgumentsRejectsWithTypeError() throws Exception {
        Consumer videoConsumer = consumeVideo();

        assertThat(failure(() -> videoConsumer.setPreferredLayers(new ConsumerLayers(null, null)))).isInstanceOf(TypeError.class);
        assertThat(failure(() -> videoConsumer.setPreferredLayers(null))).isInstanceOf(TypeError.class);
        assertThat(failure(() -> videoConsumer.setPreferredLayers(new ConsumerLayers(null, 2)))).isInstanceOf(TypeError.class);
    }

    @Test
    void transportConsumeForAnSvcProducerHonorsPreferredLayers() throws Exception {
        WebRtcTransport[] transports = vpxTransports();
        Router vpxRouter = routerOf(transports);
        Producer svcProducer = await(transports[0].produce(VP9_SVC_PRODUCER_OPTIONS));
        assertThat(vpxRouter.canConsume(svcProducer.id(), VPX_CONSUMER_DEVICE_CAPABILITIES)).isTrue();

        Consumer svcConsumer = await(transports[1].consume(layeredConsumerOptions(svcProducer, ConsumerLayers.of(1, 0))));
        assertThat(svcConsumer.type()).isEqualTo(ConsumerType.SVC);
        assertThat(svcConsumer.preferredLayers()).isEqualTo(ConsumerLayers.of(1, 0));

        Consumer svcConsumerClamped = await(transports[1].consume(layeredConsumerOptions(svcProducer, ConsumerLayers.of(9, 9))));
        assertThat(svcConsumerClamped.preferredLayers()).isEqualTo(ConsumerLayers.of(2, 2));

        Consumer svcConsumerNoTemporal = await(transports[1].consume(layeredConsumerOptions(svcProducer, ConsumerLayers.of(1))));
        assertThat(svcConsumerNoTemporal.preferredLayers()).isEqualTo(ConsumerLayers.of(1, 2));
    }

    @Test
    void transportConsumeForASimulcastProducerHonorsPreferredLayers() throws Exception {
        WebRtcTransport[] transports = vpxTransports();
        Router vpxRouter = routerOf(transports);
        Producer simulcastProducer = await(transports[0].produce(VP8_SIMULCAST_PRODUCER_OPTIONS));
        assertThat(vpxRouter.canConsume(simulcastProducer.id(), VPX_CONSUMER_DEVICE_CAPABILITIES)).isTrue();

        Consumer simulcastConsumer = await(transports[1].consume(
                layeredConsumerOptions(simulcastProducer, ConsumerLayers.of(1, 0))));
        assertThat(simulcastConsumer.type()).isEqualTo(ConsumerType.SIMULCAST);
        assertThat(simulcastConsumer.preferredLayers()).isEqualTo(ConsumerLayers.of(1, 0));

        Consumer simulcastConsumerClamped = await(transports[1].consume(
                layeredConsumerOptions(simulcastProducer, ConsumerLayers.of(9, 9))));
        assertThat(simulcastConsumerClamped.preferredLayers()).isEqualTo(ConsumerLayers.of(2, 4));
    }

    private static ConsumerOptions layeredConsumerOptions(Producer producer, ConsumerLayers preferredLayers) {
        return ConsumerOptions.builder().producerId(producer.id()).rtpCapabilities(VPX_CONSUMER_DEVICE_CAPABILITIES)
                .paused(true).preferredLayers(preferredLayers).build();
    }

    private Router routerOf(WebRtcTransport[] transports) {
        return worker.routersForTesting().stream()
                .filter(candidate -> candidate.transportsForTesting().containsKey(transports[0].id()))
                .findFirst().orElseThrow();
    }

    @Test
    void transportConsumeFromASingleEncodingNoTemporalLayerProducerIsOfTypeSimple() throws Exception {
        assertConsumerTypeOf("[{ ssrc: 11111111 }]", ProducerType.SIMPLE, ConsumerType.SIMPLE);
    }

    @Test
    void transportConsumeFromASingleEncodingMultipleTemporalLayerProducerIsOfTypeSvc() throws Exception {
        assertConsumerTypeOf("[{ ssrc: 55555555, scalabilityMode: 'L1T3' }]", ProducerType.SVC, ConsumerType.SVC);
    }

    @Test
    void transportConsumeFromAMultipleEncodingProducerIsOfTypeSimulcast() throws Exception {
        assertConsumerTypeOf("[{ ssrc: 11111111, scalabilityMode: 'L1T3' }, { ssrc: 22222222, scalabilityMode: 'L1T3' }]",
                ProducerType.SIMULCAST, ConsumerType.SIMULCAST);
    }

    private void assertConsumerTypeOf(String encodings, ProducerType producerType, ConsumerType consumerType)
            throws Exception {
        WebRtcTransport[] transports = vpxTransports();
        Producer producer = await(transports[0].produce(JsLiterals.read(ProducerOptions.class, """
                {
                    kind: 'video',
                    rtpParameters: {
                        codecs: [
                            {
                                mimeType: 'video/VP8', payloadType: 96, clockRate: 90000,
                                rtcpFeedback: [{ type: 'nack', parameter: '' }, { type: 'nack', parameter: 'pli' }],
                            },
                        ],
                        headerExtensions: [],
                        encodings: %s,
                        rtcp: { cname: 'test' },
                    },
                }""".formatted(encodings))));
        assertThat(producer.type()).isEqualTo(producerType);

        Consumer consumer = await(transports[1].consume(ConsumerOptions.of(producer.id(), VPX_CONSUMER_DEVICE_CAPABILITIES)));

        assertThat(consumer.type()).isEqualTo(consumerType);
    }

    @Test
    void consumerSetPrioritySucceed() throws Exception {
        Consumer videoConsumer = consumeVideo();

        await(videoConsumer.setPriority(2));

        assertThat(videoConsumer.priority()).isEqualTo(2);
    }

    /** Node's {@code undefined} and {@code 'foo'} cannot be passed as an int; a negative number is the Java mistake. */
    @Test
    void consumerSetPriorityWithWrongArgumentsRejectsWithTypeError() throws Exception {
        Consumer videoConsumer = consumeVideo();

        assertThat(failure(() -> videoConsumer.setPriority(-1))).isInstanceOf(TypeError.class);
        assertThat(failure(() -> videoConsumer.setPriority(0))).isInstanceOf(TypeError.class);
    }

    @Test
    void consumerUnsetPrioritySucceed() throws Exception {
        Consumer videoConsumer = consumeVideo();

        await(videoConsumer.unsetPriority());

        assertThat(videoConsumer.priority()).isEqualTo(1);
    }

    @Test
    void consumerEnableTraceEventSucceed() throws Exception {
        Consumer audioConsumer = consumeAudio();

        await(audioConsumer.enableTraceEvent("rtp", "pli"));
        assertThat(await(audioConsumer.dump()).traceEventTypes())
                .contains(ConsumerTraceEventType.RTP, ConsumerTraceEventType.PLI);

        await(audioConsumer.enableTraceEvent());
        assertThat(await(audioConsumer.dump()).traceEventTypes()).isEmpty();

        await(audioConsumer.enableTraceEvent("nack", "FOO", "fir"));
        assertThat(await(audioConsumer.dump()).traceEventTypes())
                .contains(ConsumerTraceEventType.NACK, ConsumerTraceEventType.FIR);

        await(audioConsumer.enableTraceEvent());
        assertThat(await(audioConsumer.dump()).traceEventTypes()).isEmpty();
    }

    /** Node's {@code 123} and {@code 'rtp'} (not an array) become a null array; {@code 123.123} a null entry. */
    @Test
    void consumerEnableTraceEventWithWrongArgumentsRejectsWithTypeError() throws Exception {
        Consumer audioConsumer = consumeAudio();

        assertThat(failure(() -> audioConsumer.enableTraceEvent((String[]) null))).isInstanceOf(TypeError.class);
        assertThat(failure(() -> audioConsumer.enableTraceEvent((List<ConsumerTraceEventType>) null)))
                .isInstanceOf(TypeError.class);
        assertThat(failure(() -> audioConsumer.enableTraceEvent("fir", null))).isInstanceOf(TypeError.class);
    }

    @Test
    void consumerEmitsProducerpauseAndProducerresume() throws Exception {
        Consumer audioConsumer = consumeAudio();

        CompletableFuture<Void> producerPause = new CompletableFuture<>();
        audioConsumer.once(Consumer.PRODUCER_PAUSE, nothing -> producerPause.complete(null));
        CompletableFuture.allOf(producerPause, audioProducer.pause()).get(5, TimeUnit.SECONDS);
        assertThat(audioConsumer.paused()).isFalse();
        assertThat(audioConsumer.producerPaused()).isTrue();

        CompletableFuture<Void> producerResume = new CompletableFuture<>();
        audioConsumer.once(Consumer.PRODUCER_RESUME, nothing -> producerResume.complete(null));
        CompletableFuture.allOf(producerResume, audioProducer.resume()).get(5, TimeUnit.SECONDS);
        assertThat(audioConsumer.paused()).isFalse();
        assertThat(audioConsumer.producerPaused()).isFalse();
    }

    @Test
    void consumerEmitsScore() throws Exception {
        Consumer audioConsumer = consumeAudio();
        AtomicInteger onScore = new AtomicInteger();
        audioConsumer.on(Consumer.SCORE, score -> onScore.incrementAndGet());

        // Simulate a 'score' notification coming through the channel.
        for (int i = 0; i < 3; i++) {
            FakeWorkerNotifications.send(audioConsumer.channelForTesting(), audioConsumer.id(), Event.CONSUMER_SCORE,
                    FBS.Notification.Body.Consumer_ScoreNotification, builder -> {
                        int producerScores = FBS.Consumer.ConsumerScore.createProducerScoresVector(builder, new byte[] {8});
                        int score = FBS.Consumer.ConsumerScore.createConsumerScore(builder, 9, 10, producerScores);
                        return ScoreNotification.createScoreNotification(builder, score);
                    });
        }

        assertThat(onScore).hasValue(3);
        assertThat(audioConsumer.score()).isEqualTo(new ConsumerScore(9, 10, List.of(8)));
    }

    @Test
    void consumerCloseSucceeds() throws Exception {
        Consumer audioConsumer = consumeAudio();
        Consumer videoConsumer = consumeVideo();
        AtomicInteger onObserverClose = new AtomicInteger();
        audioConsumer.observer().once(Consumer.OBSERVER_CLOSE, nothing -> onObserverClose.incrementAndGet());

        audioConsumer.close();

        assertThat(onObserverClose).hasValue(1);
        assertThat(audioConsumer.closed()).isTrue();
        assertThat(failure(audioConsumer::dump)).isInstanceOf(NotFoundError.class);
        RouterDump routerDump = await(router.dump());
        assertThat(routerDump.mapProducerIdConsumerIds())
                .containsEntry(audioProducer.id(), List.of())
                .containsEntry(videoProducer.id(), List.of(videoConsumer.id()));
        assertThat(routerDump.mapConsumerIdProducerId()).isEqualTo(Map.of(videoConsumer.id(), videoProducer.id()));
        var transportDump = await(webRtcTransport2.dump());
        assertThat(transportDump.id()).isEqualTo(webRtcTransport2.id());
        assertThat(transportDump.producerIds()).isEmpty();
        assertThat(transportDump.consumerIds()).containsExactly(videoConsumer.id());
    }

    @Test
    void consumerMethodsRejectIfClosed() throws Exception {
        Consumer audioConsumer = consumeAudio();

        audioConsumer.close();

        assertThat(failure(audioConsumer::dump)).isInstanceOf(NotFoundError.class);
        assertThat(failure(audioConsumer::getStats)).isInstanceOf(NotFoundError.class);
        assertThat(failure(audioConsumer::pause)).isInstanceOf(NotFoundError.class);
        assertThat(failure(audioConsumer::resume)).isInstanceOf(NotFoundError.class);
        assertThat(failure(() -> audioConsumer.setPreferredLayers(new ConsumerLayers(null, null))))
                .isInstanceOf(TypeError.class);
        assertThat(failure(() -> audioConsumer.setPriority(2))).isInstanceOf(NotFoundError.class);
        assertThat(failure(audioConsumer::requestKeyFrame)).isInstanceOf(NotFoundError.class);
    }

    @Test
    void consumerEmitsProducercloseIfProducerIsClosed() throws Exception {
        Consumer audioConsumer = consumeAudio();
        AtomicInteger onObserverClose = new AtomicInteger();
        audioConsumer.observer().once(Consumer.OBSERVER_CLOSE, nothing -> onObserverClose.incrementAndGet());
        CompletableFuture<Void> producerClose = new CompletableFuture<>();
        audioConsumer.once(Consumer.PRODUCER_CLOSE, nothing -> producerClose.complete(null));

        audioProducer.close();
        await(producerClose);

        // The worker's notification emits producerclose, then the observer's close, on the channel
        // thread: the test thread is woken by the first and may look before the second ran.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(2)).untilAsserted(() -> assertThat(onObserverClose).hasValue(1));
        assertThat(audioConsumer.closed()).isTrue();
        assertThat(failure(audioConsumer::dump)).isInstanceOf(NotFoundError.class);
    }

    @Test
    void consumerEmitsTransportcloseIfTransportIsClosed() throws Exception {
        Consumer videoConsumer = consumeVideo();
        AtomicInteger onObserverClose = new AtomicInteger();
        videoConsumer.observer().once(Consumer.OBSERVER_CLOSE, nothing -> onObserverClose.incrementAndGet());
        CompletableFuture<Void> transportClose = new CompletableFuture<>();
        videoConsumer.once(Consumer.TRANSPORT_CLOSE, nothing -> transportClose.complete(null));

        webRtcTransport2.close();
        await(transportClose);

        assertThat(onObserverClose).hasValue(1);
        assertThat(videoConsumer.closed()).isTrue();
        assertThat(failure(videoConsumer::dump)).isInstanceOf(NotFoundError.class);
        RouterDump routerDump = await(router.dump());
        assertThat(routerDump.mapProducerIdConsumerIds())
                .containsEntry(audioProducer.id(), List.of())
                .containsEntry(videoProducer.id(), List.of());
        assertThat(routerDump.mapConsumerIdProducerId()).isEmpty();
    }
}
