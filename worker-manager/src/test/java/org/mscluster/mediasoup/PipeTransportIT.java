package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mscluster.mediasoup.Futures.await;
import static org.mscluster.mediasoup.Futures.failure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.consumer.Consumer;
import org.mscluster.mediasoup.consumer.ConsumerOptions;
import org.mscluster.mediasoup.consumer.ConsumerScore;
import org.mscluster.mediasoup.consumer.ConsumerType;
import org.mscluster.mediasoup.data.DataConsumer;
import org.mscluster.mediasoup.data.DataConsumerOptions;
import org.mscluster.mediasoup.data.DataConsumerType;
import org.mscluster.mediasoup.data.DataProducer;
import org.mscluster.mediasoup.data.DataProducerOptions;
import org.mscluster.mediasoup.data.DataProducerType;
import org.mscluster.mediasoup.errors.MediasoupException;
import org.mscluster.mediasoup.errors.NotFoundError;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.producer.ProducerOptions;
import org.mscluster.mediasoup.router.PipeToRouterOptions;
import org.mscluster.mediasoup.router.PipeToRouterResult;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterOptions;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.RtpHeaderExtensionParameters;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.mediasoup.transport.DirectTransport;
import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.transport.PipeTransport;
import org.mscluster.mediasoup.transport.PipeTransportOptions;
import org.mscluster.mediasoup.transport.PortRange;
import org.mscluster.mediasoup.transport.SrtpCryptoSuite;
import org.mscluster.mediasoup.transport.SrtpParameters;
import org.mscluster.mediasoup.transport.Transport;
import org.mscluster.mediasoup.transport.TransportType;
import org.mscluster.mediasoup.transport.WebRtcTransport;
import org.mscluster.mediasoup.transport.WebRtcTransportOptions;
import org.mscluster.mediasoup.worker.Worker;

/**
 * Port of mediasoup 3.27.1's {@code node/lib/test/test-PipeTransport.js}, against two real workers.
 * The fixtures are the jest file's literals.
 */
class PipeTransportIT {

    static final RouterOptions ROUTER_OPTIONS = JsLiterals.read(RouterOptions.class, """
            { mediaCodecs: [
                { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
                { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
            ] }""");

    static final ProducerOptions AUDIO_PRODUCER_OPTIONS = JsLiterals.read(ProducerOptions.class, """
            {
                kind: 'audio',
                rtpParameters: {
                    mid: 'AUDIO',
                    codecs: [
                        {
                            mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2,
                            parameters: { useinbandfec: 1, foo: 'bar1' },
                        },
                    ],
                    headerExtensions: [ { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10 } ],
                    encodings: [ { ssrc: 11111111 } ],
                    rtcp: { cname: 'FOOBAR' },
                },
                appData: { foo: 'bar1' },
            }""");

    static final ProducerOptions VIDEO_PRODUCER_OPTIONS = JsLiterals.read(ProducerOptions.class, """
            {
                kind: 'video',
                rtpParameters: {
                    mid: 'VIDEO',
                    codecs: [
                        {
                            mimeType: 'video/VP8', payloadType: 112, clockRate: 90000,
                            rtcpFeedback: [
                                { type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'goog-remb' }, { type: 'lalala' },
                            ],
                        },
                    ],
                    headerExtensions: [
                        { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10 },
                        { uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time', id: 11 },
                        { uri: 'urn:3gpp:video-orientation', id: 13 },
                    ],
                    encodings: [ { ssrc: 22222222 }, { ssrc: 22222223 }, { ssrc: 22222224 } ],
                    rtcp: { cname: 'FOOBAR' },
                    msid: 'aaaa-bbbb',
                },
                appData: { foo: 'bar2' },
            }""");

    static final DataProducerOptions DATA_PRODUCER_OPTIONS = JsLiterals.read(DataProducerOptions.class, """
            {
                sctpStreamParameters: { streamId: 666, ordered: false, maxPacketLifeTime: 5000 },
                label: 'foo',
                protocol: 'bar',
            }""");

    static final RtpCapabilities CONSUMER_DEVICE_CAPABILITIES = JsLiterals.read(RtpCapabilities.class, """
            {
                codecs: [
                    { kind: 'audio', mimeType: 'audio/opus', preferredPayloadType: 100, clockRate: 48000, channels: 2 },
                    {
                        kind: 'video', mimeType: 'video/VP8', preferredPayloadType: 101, clockRate: 90000,
                        rtcpFeedback: [ { type: 'nack' }, { type: 'ccm', parameter: 'fir' }, { type: 'transport-cc' } ],
                    },
                    {
                        kind: 'video', mimeType: 'video/rtx', preferredPayloadType: 102, clockRate: 90000,
                        parameters: { apt: 101 }, rtcpFeedback: [],
                    },
                ],
                headerExtensions: [
                    {
                        kind: 'video', uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time',
                        preferredId: 4, preferredEncrypt: false, direction: 'sendrecv',
                    },
                    {
                        kind: 'video', uri: 'http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01',
                        preferredId: 5, preferredEncrypt: false,
                    },
                    {
                        kind: 'audio', uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level',
                        preferredId: 6, preferredEncrypt: false,
                    },
                ],
            }""");

    /** What the pipe consumer and the pipe producer of the audio producer carry. */
    static final RtpParameters PIPED_AUDIO = JsLiterals.read(RtpParameters.class, """
            {
                codecs: [
                    {
                        mimeType: 'audio/opus', clockRate: 48000, payloadType: 100, channels: 2,
                        parameters: { useinbandfec: 1, foo: 'bar1' }, rtcpFeedback: [],
                    },
                ],
                headerExtensions: [
                    { uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 6, encrypt: false, parameters: {} },
                    {
                        encrypt: false, id: 7, parameters: {},
                        uri: 'https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension',
                    },
                    { uri: 'http://www.webrtc.org/experiments/rtp-hdrext/playout-delay', id: 11, encrypt: false, parameters: {} },
                    { uri: 'urn:mediasoup:params:rtp-hdrext:packet-id', id: 12, encrypt: false, parameters: {} },
                ],
            }""");

    /** What the pipe consumer and the pipe producer of the video producer carry. */
    static final RtpParameters PIPED_VIDEO = JsLiterals.read(RtpParameters.class, """
            {
                codecs: [
                    {
                        mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, parameters: {},
                        rtcpFeedback: [ { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' } ],
                    },
                ],
                headerExtensions: [
                    {
                        uri: 'https://aomediacodec.github.io/av1-rtp-spec/#dependency-descriptor-rtp-header-extension',
                        id: 7, encrypt: false, parameters: {},
                    },
                    { uri: 'urn:3gpp:video-orientation', id: 8, encrypt: false, parameters: {} },
                    { uri: 'urn:ietf:params:rtp-hdrext:toffset', id: 9, encrypt: false, parameters: {} },
                    { uri: 'http://www.webrtc.org/experiments/rtp-hdrext/playout-delay', id: 11, encrypt: false, parameters: {} },
                    { uri: 'urn:mediasoup:params:rtp-hdrext:packet-id', id: 12, encrypt: false, parameters: {} },
                ],
            }""");

    private static final String KEY_GCM_256 = "YTdjcDBvY2JoMGY5YXNlNDc0eDJsdGgwaWRvNnJsamRrdG16aWVpZHphdHo=";

    private Worker worker1;
    private Worker worker2;
    private Router router1;
    private Router router2;
    private WebRtcTransport webRtcTransport1;
    private WebRtcTransport webRtcTransport2;
    private Producer audioProducer;
    private Producer videoProducer;
    private DataProducer dataProducer;

    @BeforeEach
    void createRoutersAndProducers() throws Exception {
        worker1 = TestWorkers.start();
        worker2 = TestWorkers.start();
        router1 = await(worker1.createRouter(ROUTER_OPTIONS));
        router2 = await(worker2.createRouter(ROUTER_OPTIONS));
        webRtcTransport1 = await(router1.createWebRtcTransport(WebRtcTransportOptions.builder()
                .listenInfos(ListenInfo.udp("127.0.0.1")).enableSctp(true).build()));
        webRtcTransport2 = await(router2.createWebRtcTransport(WebRtcTransportOptions.builder()
                .listenIps("127.0.0.1").enableSctp(true).build()));
        audioProducer = await(webRtcTransport1.produce(AUDIO_PRODUCER_OPTIONS));
        videoProducer = await(webRtcTransport1.produce(VIDEO_PRODUCER_OPTIONS));
        dataProducer = await(webRtcTransport1.produceData(DATA_PRODUCER_OPTIONS));
    }

    @AfterEach
    void closeWorkers() throws Exception {
        try {
            NoLeftovers.assertClean(worker1);
            NoLeftovers.assertClean(worker2);
        } finally {
            TestWorkers.close(worker1);
            TestWorkers.close(worker2);
        }
    }

    private PipeToRouterResult pipe(Producer producer, Router to) throws Exception {
        return await(router1.pipeToRouter(PipeToRouterOptions.builder().producerId(producer.id()).router(to).build()));
    }

    private PipeToRouterResult pipeData(DataProducer producer, Router from, Router to) throws Exception {
        return await(from.pipeToRouter(PipeToRouterOptions.builder().dataProducerId(producer.id()).router(to).build()));
    }

    @Test
    void pipeToRouterSucceedsWithAudio() throws Exception {
        PipeToRouterResult result = pipe(audioProducer, router2);
        Consumer pipeConsumer = result.pipeConsumer();
        Producer pipeProducer = result.pipeProducer();

        // There should be two Transports in router1:
        // - WebRtcTransport for audioProducer and videoProducer.
        // - PipeTransport between router1 and router2.
        assertThat(await(router1.dump()).transportIds()).hasSize(2);
        // There should be two Transports in router2:
        // - WebRtcTransport for audioConsumer and videoConsumer.
        // - PipeTransport between router2 and router1.
        assertThat(await(router2.dump()).transportIds()).hasSize(2);

        assertThat(pipeConsumer.id()).isNotBlank();
        assertThat(pipeConsumer.closed()).isFalse();
        assertThat(pipeConsumer.kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(pipeConsumer.rtpParameters().mid()).isNull();
        assertThat(pipeConsumer.rtpParameters().codecs()).isEqualTo(PIPED_AUDIO.codecs());
        assertThat(pipeConsumer.rtpParameters().headerExtensions()).isEqualTo(PIPED_AUDIO.headerExtensions());
        assertThat(pipeConsumer.type()).isEqualTo(ConsumerType.PIPE);
        assertThat(pipeConsumer.paused()).isFalse();
        assertThat(pipeConsumer.producerPaused()).isFalse();
        assertThat(pipeConsumer.score()).isEqualTo(new ConsumerScore(10, 10, List.of()));
        assertThat(pipeConsumer.appData()).isEmpty();

        assertThat(pipeProducer.id()).isEqualTo(audioProducer.id());
        assertThat(pipeProducer.closed()).isFalse();
        assertThat(pipeProducer.kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(pipeProducer.rtpParameters().mid()).isNull();
        assertThat(pipeProducer.rtpParameters().codecs()).isEqualTo(PIPED_AUDIO.codecs());
        assertThat(pipeProducer.rtpParameters().headerExtensions()).isEqualTo(PIPED_AUDIO.headerExtensions());
        assertThat(pipeProducer.paused()).isFalse();
    }

    @Test
    void pipeToRouterSucceedsWithVideo() throws Exception {
        await(videoProducer.pause());

        PipeToRouterResult result = pipe(videoProducer, router2);
        Consumer pipeConsumer = result.pipeConsumer();
        Producer pipeProducer = result.pipeProducer();

        // No new PipeTransport should has been created. The existing one is used.
        assertThat(await(router1.dump()).transportIds()).hasSize(2);
        assertThat(await(router2.dump()).transportIds()).hasSize(2);

        assertThat(pipeConsumer.id()).isNotBlank();
        assertThat(pipeConsumer.closed()).isFalse();
        assertThat(pipeConsumer.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(pipeConsumer.rtpParameters().mid()).isNull();
        assertThat(pipeConsumer.rtpParameters().codecs()).isEqualTo(PIPED_VIDEO.codecs());
        assertThat(pipeConsumer.rtpParameters().headerExtensions()).isEqualTo(PIPED_VIDEO.headerExtensions());
        assertThat(pipeConsumer.type()).isEqualTo(ConsumerType.PIPE);
        assertThat(pipeConsumer.paused()).isFalse();
        assertThat(pipeConsumer.producerPaused()).isTrue();
        assertThat(pipeConsumer.score()).isEqualTo(new ConsumerScore(10, 10, List.of()));
        assertThat(pipeConsumer.appData()).isEmpty();

        assertThat(pipeProducer.id()).isEqualTo(videoProducer.id());
        assertThat(pipeProducer.closed()).isFalse();
        assertThat(pipeProducer.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(pipeProducer.rtpParameters().mid()).isNull();
        assertThat(pipeProducer.rtpParameters().codecs()).isEqualTo(PIPED_VIDEO.codecs());
        assertThat(pipeProducer.rtpParameters().headerExtensions()).isEqualTo(PIPED_VIDEO.headerExtensions());
        assertThat(pipeProducer.paused()).isTrue();
    }

    @Test
    void pipeToRouterGivesAbsCaptureTimeToThePipeConsumerIfTheProducerHasIt() throws Exception {
        Producer videoProducer2 = await(webRtcTransport1.produce(JsLiterals.read(ProducerOptions.class, """
                {
                    kind: 'video',
                    rtpParameters: {
                        mid: 'VIDEO2',
                        codecs: [ { mimeType: 'video/VP8', payloadType: 112, clockRate: 90000 } ],
                        headerExtensions: [
                            { uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time', id: 12 },
                        ],
                        encodings: [ { ssrc: 44444444 } ],
                        rtcp: { cname: 'FOOBAR' },
                    },
                }""")));

        Consumer pipeConsumer = pipe(videoProducer2, router2).pipeConsumer();

        assertThat(pipeConsumer.rtpParameters().headerExtensions()).contains(new RtpHeaderExtensionParameters(
                "http://www.webrtc.org/experiments/rtp-hdrext/abs-capture-time", 10, false, Map.of()));
    }

    @Test
    void pipeToRouterWithUnknownRouterProducerIdOrDataProducerIdFails() throws Exception {
        Router router3 = await(worker1.createRouter(ROUTER_OPTIONS));
        router3.close();

        assertThat(failure(() -> router1.pipeToRouter(PipeToRouterOptions.builder()
                .router(router3).producerId(videoProducer.id()).build()))).isInstanceOf(NotFoundError.class);
        assertThat(failure(() -> router1.pipeToRouter(PipeToRouterOptions.builder()
                .router(router2).producerId("12345678").build()))).isInstanceOf(NotFoundError.class);
        assertThat(failure(() -> router1.pipeToRouter(PipeToRouterOptions.builder()
                .router(router2).dataProducerId("12345678").build()))).isInstanceOf(NotFoundError.class);
    }

    /** Node's {@code listenIp: ['127.0.0.1']} and a string appData are ruled out by Java's types. */
    @Test
    void createPipeTransportWithWrongArgumentsRejectsWithTypeError() {
        assertThat(failure(() -> router1.createPipeTransport(PipeTransportOptions.builder().build())))
                .isInstanceOf(TypeError.class);
        assertThat(failure(() -> router1.createPipeTransport(PipeTransportOptions.builder()
                .listenInfo(ListenInfo.udp("127.0.0.1").withPortRange(PortRange.of(4000, 3000))).build())))
                .isInstanceOf(TypeError.class);
        assertThat(failure(() -> router1.createPipeTransport(PipeTransportOptions.builder().listenIp("123").build())))
                .isInstanceOf(TypeError.class);
        assertThat(failure(() -> router1.createPipeTransport(PipeTransportOptions.builder()
                .listenInfo(ListenInfo.tcp("127.0.0.1")).build())))
                .isInstanceOf(TypeError.class);
    }

    @Test
    void createPipeTransportWithEnableRtxSucceeds() throws Exception {
        PipeTransport pipeTransport = await(router1.createPipeTransport(PipeTransportOptions.builder()
                .listenInfo(ListenInfo.udp("127.0.0.1").withPortRange(PortRange.of(2000, 3000)))
                .enableRtx(true)
                .build()));
        assertThat(pipeTransport.type()).isEqualTo(TransportType.PIPE);

        Consumer pipeConsumer = await(pipeTransport.consume(ConsumerOptions.builder().producerId(videoProducer.id()).build()));

        assertThat(pipeConsumer.id()).isNotBlank();
        assertThat(pipeConsumer.closed()).isFalse();
        assertThat(pipeConsumer.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(pipeConsumer.rtpParameters().mid()).isNull();
        assertThat(pipeConsumer.rtpParameters().codecs()).isEqualTo(JsLiterals.read(RtpParameters.class, """
                {
                    codecs: [
                        {
                            mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, parameters: {},
                            rtcpFeedback: [
                                { type: 'nack', parameter: '' }, { type: 'nack', parameter: 'pli' }, { type: 'ccm', parameter: 'fir' },
                            ],
                        },
                        { mimeType: 'video/rtx', payloadType: 102, clockRate: 90000, parameters: { apt: 101 }, rtcpFeedback: [] },
                    ],
                }""").codecs());
        assertThat(pipeConsumer.rtpParameters().headerExtensions()).isEqualTo(PIPED_VIDEO.headerExtensions());
        assertThat(pipeConsumer.type()).isEqualTo(ConsumerType.PIPE);
        assertThat(pipeConsumer.paused()).isFalse();
        assertThat(pipeConsumer.producerPaused()).isFalse();
        assertThat(pipeConsumer.score()).isEqualTo(new ConsumerScore(10, 10, List.of()));
        assertThat(pipeConsumer.appData()).isEmpty();
    }

    @Test
    void connectWithValidSrtpParametersSucceeds() throws Exception {
        PipeTransport pipeTransport = await(router1.createPipeTransport(PipeTransportOptions.builder()
                .listenIp("127.0.0.1").enableSrtp(true).build()));

        // The master length of AEAD_AES_256_GCM.
        assertThat(pipeTransport.srtpParameters().keyBase64()).hasSize(60);

        assertThat(await(pipeTransport.connect(new PipeTransport.ConnectParams("127.0.0.2", 9999,
                new SrtpParameters(SrtpCryptoSuite.AEAD_AES_256_GCM, KEY_GCM_256))))).isNull();
    }

    /** Node's second case ({@code srtpParameters: 'invalid'}) cannot be written in Java. */
    @Test
    void connectWithSrtpParametersFailsIfEnableSrtpIsUnset() throws Exception {
        PipeTransport pipeTransport = await(router1.createPipeTransport(PipeTransportOptions.builder()
                .listenInfo(ListenInfo.udp("127.0.0.1").withPortRange(PortRange.of(2000, 3000)))
                .enableRtx(true)
                .build()));
        assertThat(pipeTransport.srtpParameters()).isNull();

        // No SRTP enabled so passing srtpParameters must fail.
        assertThat(failure(() -> pipeTransport.connect(new PipeTransport.ConnectParams("127.0.0.2", 9999,
                new SrtpParameters(SrtpCryptoSuite.AEAD_AES_256_GCM, KEY_GCM_256))))).isInstanceOf(TypeError.class);
    }

    /**
     * Node's {@code srtpParameters: 1}, {@code cryptoSuite: 'FOO'} or {@code 123} and
     * {@code keyBase64: []} cannot be written in Java; a missing suite or key stands for them.
     */
    @Test
    void connectWithInvalidSrtpParametersFails() throws Exception {
        PipeTransport pipeTransport = await(router1.createPipeTransport(PipeTransportOptions.builder()
                .listenIp("127.0.0.1").enableSrtp(true).build()));
        assertThat(pipeTransport.id()).isNotBlank();
        // The master length of AEAD_AES_256_GCM.
        assertThat(pipeTransport.srtpParameters().keyBase64()).hasSize(60);

        // Missing srtpParameters.
        assertThat(failure(() -> pipeTransport.connect(PipeTransport.ConnectParams.of("127.0.0.2", 9999))))
                .isInstanceOf(TypeError.class);
        // Missing srtpParameters.cryptoSuite.
        assertThat(failure(() -> pipeTransport.connect(new PipeTransport.ConnectParams("127.0.0.2", 9999,
                new SrtpParameters(null, KEY_GCM_256))))).isInstanceOf(TypeError.class);
        // Missing srtpParameters.keyBase64.
        assertThat(failure(() -> pipeTransport.connect(new PipeTransport.ConnectParams("127.0.0.2", 9999,
                new SrtpParameters(SrtpCryptoSuite.AEAD_AES_256_GCM, null))))).isInstanceOf(TypeError.class);
    }

    @Test
    void createPipeTransportWithFixedPortSucceeds() throws Exception {
        int port = FreePorts.udp("127.0.0.1");

        PipeTransport pipeTransport = await(router1.createPipeTransport(PipeTransportOptions.builder()
                .listenInfo(ListenInfo.udp("127.0.0.1").withPort(port)).build()));

        assertThat(pipeTransport.tuple().localPort()).isEqualTo(port);
    }

    @Test
    void consumeForAPipeProducerSucceeds() throws Exception {
        Producer pipeProducer = pipe(videoProducer, router2).pipeProducer();

        Consumer videoConsumer = await(webRtcTransport2.consume(ConsumerOptions.of(pipeProducer.id(), CONSUMER_DEVICE_CAPABILITIES)));

        assertThat(videoConsumer.id()).isNotBlank();
        assertThat(videoConsumer.closed()).isFalse();
        assertThat(videoConsumer.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(videoConsumer.rtpParameters().mid()).isEqualTo("0");
        assertThat(videoConsumer.rtpParameters().codecs()).isEqualTo(JsLiterals.read(RtpParameters.class, """
                {
                    codecs: [
                        {
                            mimeType: 'video/VP8', payloadType: 101, clockRate: 90000, parameters: {},
                            rtcpFeedback: [
                                { type: 'nack', parameter: '' }, { type: 'ccm', parameter: 'fir' }, { type: 'transport-cc', parameter: '' },
                            ],
                        },
                        { mimeType: 'video/rtx', payloadType: 102, clockRate: 90000, parameters: { apt: 101 }, rtcpFeedback: [] },
                    ],
                }""").codecs());
        assertThat(videoConsumer.rtpParameters().headerExtensions()).containsExactly(
                new RtpHeaderExtensionParameters("http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time", 4, false, Map.of()),
                new RtpHeaderExtensionParameters("http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01", 5,
                        false, Map.of()));
        assertThat(videoConsumer.rtpParameters().encodings()).hasSize(1);
        assertThat(videoConsumer.rtpParameters().encodings().get(0).ssrc()).isNotNull();
        assertThat(videoConsumer.rtpParameters().encodings().get(0).rtx()).isNotNull();
        assertThat(videoConsumer.rtpParameters().encodings().get(0).rtx().ssrc()).isNotNull();
        assertThat(videoConsumer.rtpParameters().msid()).isEqualTo("aaaa-bbbb");
        assertThat(videoConsumer.type()).isEqualTo(ConsumerType.SIMULCAST);
        assertThat(videoConsumer.paused()).isFalse();
        assertThat(videoConsumer.producerPaused()).isFalse();
        assertThat(videoConsumer.score()).isEqualTo(new ConsumerScore(10, 0, List.of(0, 0, 0)));
        assertThat(videoConsumer.appData()).isEmpty();
    }

    @Test
    void producerPauseAndResumeAreTransmittedToPipeConsumer() throws Exception {
        await(videoProducer.pause());
        // The pipe producer's own 'pause' and 'resume' events are awaited too, or the worker may
        // be closed while they are still on their way (mediasoup issue 1374).
        Producer pipeVideoProducer = pipe(videoProducer, router2).pipeProducer();
        Consumer videoConsumer = await(webRtcTransport2.consume(
                ConsumerOptions.of(pipeVideoProducer.id(), CONSUMER_DEVICE_CAPABILITIES)));

        assertThat(videoProducer.paused()).isTrue();
        assertThat(videoConsumer.producerPaused()).isTrue();
        assertThat(videoConsumer.paused()).isFalse();

        CompletableFuture<Void> producerResume = new CompletableFuture<>();
        CompletableFuture<Void> pipeResume = new CompletableFuture<>();
        videoConsumer.once(Consumer.PRODUCER_RESUME, producerResume::complete);
        pipeVideoProducer.observer().once(Producer.OBSERVER_RESUME, pipeResume::complete);
        await(videoProducer.resume());
        await(CompletableFuture.allOf(producerResume, pipeResume));

        assertThat(videoConsumer.producerPaused()).isFalse();
        assertThat(videoConsumer.paused()).isFalse();
        assertThat(pipeVideoProducer.paused()).isFalse();

        CompletableFuture<Void> producerPause = new CompletableFuture<>();
        CompletableFuture<Void> pipePause = new CompletableFuture<>();
        videoConsumer.once(Consumer.PRODUCER_PAUSE, producerPause::complete);
        pipeVideoProducer.observer().once(Producer.OBSERVER_PAUSE, pipePause::complete);
        await(videoProducer.pause());
        await(CompletableFuture.allOf(producerPause, pipePause));

        assertThat(videoConsumer.producerPaused()).isTrue();
        assertThat(videoConsumer.paused()).isFalse();
        assertThat(pipeVideoProducer.paused()).isTrue();
    }

    @Test
    void producerCloseIsTransmittedToPipeConsumer() throws Exception {
        Producer pipeProducer = pipe(videoProducer, router2).pipeProducer();
        Consumer videoConsumer = await(webRtcTransport2.consume(ConsumerOptions.of(pipeProducer.id(), CONSUMER_DEVICE_CAPABILITIES)));
        CompletableFuture<Void> producerClose = new CompletableFuture<>();
        videoConsumer.once(Consumer.PRODUCER_CLOSE, producerClose::complete);

        videoProducer.close();

        assertThat(videoProducer.closed()).isTrue();
        if (!videoConsumer.closed()) {
            await(producerClose);
        }
        assertThat(videoConsumer.closed()).isTrue();
        assertThat(failure(videoConsumer::dump)).isInstanceOf(NotFoundError.class);
    }

    @Test
    void pipeToRouterWithKeepIdTrueFailsIfBothRoutersBelongToTheSameWorker() throws Exception {
        Router router1bis = await(worker1.createRouter(ROUTER_OPTIONS));

        assertThat(failure(() -> router1.pipeToRouter(PipeToRouterOptions.builder()
                .producerId(videoProducer.id()).router(router1bis)
                // Default value is true.
                .keepId(true).build()))).isInstanceOf(MediasoupException.class);
    }

    @Test
    void pipeToRouterWithKeepIdFalseDoesNotFailIfBothRoutersBelongToTheSameWorker() throws Exception {
        Router router1bis = await(worker1.createRouter(ROUTER_OPTIONS));

        Producer pipeProducer = await(router1.pipeToRouter(PipeToRouterOptions.builder()
                .producerId(videoProducer.id()).router(router1bis).keepId(false).build())).pipeProducer();

        assertThat(pipeProducer.id()).isNotEqualTo(videoProducer.id());
    }

    @Test
    void pipeToRouterSucceedsWithData() throws Exception {
        PipeToRouterResult result = pipeData(dataProducer, router1, router2);
        DataConsumer pipeDataConsumer = result.pipeDataConsumer();
        DataProducer pipeDataProducer = result.pipeDataProducer();

        // There should be two Transports in router1:
        // - WebRtcTransport for audioProducer, videoProducer and dataProducer.
        // - PipeTransport between router1 and router2.
        assertThat(await(router1.dump()).transportIds()).hasSize(2);
        // There should be two Transports in router2:
        // - WebRtcTransport for audioConsumer, videoConsumer and dataConsumer.
        // - PipeTransport between router2 and router1.
        assertThat(await(router2.dump()).transportIds()).hasSize(2);

        assertThat(pipeDataConsumer.id()).isNotBlank();
        assertThat(pipeDataConsumer.closed()).isFalse();
        assertThat(pipeDataConsumer.type()).isEqualTo(DataConsumerType.SCTP);
        assertThat(pipeDataConsumer.sctpStreamParameters().streamId()).isNotNull();
        assertThat(pipeDataConsumer.sctpStreamParameters().ordered()).isFalse();
        assertThat(pipeDataConsumer.sctpStreamParameters().maxPacketLifeTime()).isEqualTo(5000);
        assertThat(pipeDataConsumer.sctpStreamParameters().maxRetransmits()).isNull();
        assertThat(pipeDataConsumer.label()).isEqualTo("foo");
        assertThat(pipeDataConsumer.protocol()).isEqualTo("bar");

        assertThat(pipeDataProducer.id()).isEqualTo(dataProducer.id());
        assertThat(pipeDataProducer.closed()).isFalse();
        assertThat(pipeDataProducer.type()).isEqualTo(DataProducerType.SCTP);
        assertThat(pipeDataProducer.sctpStreamParameters().streamId()).isNotNull();
        assertThat(pipeDataProducer.sctpStreamParameters().ordered()).isFalse();
        assertThat(pipeDataProducer.sctpStreamParameters().maxPacketLifeTime()).isEqualTo(5000);
        assertThat(pipeDataProducer.sctpStreamParameters().maxRetransmits()).isNull();
        assertThat(pipeDataProducer.label()).isEqualTo("foo");
        assertThat(pipeDataProducer.protocol()).isEqualTo("bar");
    }

    @Test
    void consumeDataForAPipeDataProducerSucceeds() throws Exception {
        DataProducer pipeDataProducer = pipeData(dataProducer, router1, router2).pipeDataProducer();

        DataConsumer dataConsumer = await(webRtcTransport2.consumeData(DataConsumerOptions.of(pipeDataProducer.id())));

        assertThat(dataConsumer.id()).isNotBlank();
        assertThat(dataConsumer.closed()).isFalse();
        assertThat(dataConsumer.type()).isEqualTo(DataConsumerType.SCTP);
        assertThat(dataConsumer.sctpStreamParameters().streamId()).isNotNull();
        assertThat(dataConsumer.sctpStreamParameters().ordered()).isFalse();
        assertThat(dataConsumer.sctpStreamParameters().maxPacketLifeTime()).isEqualTo(5000);
        assertThat(dataConsumer.sctpStreamParameters().maxRetransmits()).isNull();
        assertThat(dataConsumer.label()).isEqualTo("foo");
        assertThat(dataConsumer.protocol()).isEqualTo("bar");
    }

    @Test
    void consumeDataForAPipeDataProducerSucceedsWithSubchannels() throws Exception {
        DirectTransport directTransport1 = await(router1.createDirectTransport());
        DataProducer directDataProducer = await(directTransport1.produceData(DataProducerOptions.builder()
                .label("foo").protocol("bar").build()));
        DataConsumer pipeDataConsumer = pipeData(directDataProducer, router1, router2).pipeDataConsumer();
        DirectTransport directTransport2 = await(router2.createDirectTransport());
        DataConsumer directDataConsumer = await(directTransport2.consumeData(DataConsumerOptions.builder()
                .dataProducerId(directDataProducer.id()).subchannels(List.of(123, 666, 777)).build()));
        List<String> receivedMessages = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> bye = new CompletableFuture<>();
        directDataConsumer.on(DataConsumer.MESSAGE, message -> {
            receivedMessages.add(message.text());
            // Once the last message sent is here, the earlier ones are too.
            if (message.text().equals("bye")) {
                bye.complete(null);
            }
        });

        // The pipeDataConsumer is not subscribed to any subchannel, so it must let the message
        // pass through and reach the final directDataConsumer.
        directDataProducer.send("hello1", null, List.of(123, 124), 666, null);
        // Subscribe pipeDataConsumer to subchannels 123, 124 and 666.
        await(pipeDataConsumer.setSubchannels(List.of(123, 124, 666)));
        // pipeDataConsumer is subscribed to 123 and 666: the message passes and reaches the final one.
        directDataProducer.send("hello2", null, List.of(123), 666, null);
        // pipeDataConsumer is subscribed to 124 and 666 so it passes, but directDataConsumer is not
        // subscribed to 124 so it must not reach it.
        directDataProducer.send("hello3", null, List.of(124), 666, null);
        // pipeDataConsumer is not subscribed to 125 so it must not let the message pass.
        directDataProducer.send("hello4", null, List.of(125), 666, null);
        // directDataConsumer is subscribed to 666 so it must not receive the message.
        directDataProducer.send("hello5", null, List.of(123), null, 666);
        // directDataConsumer is subscribed to 777 so it must not receive the message.
        directDataProducer.send("hello6", null, null, 123, 777);
        directDataProducer.send("bye");
        await(bye);

        assertThat(receivedMessages).containsExactly("hello1", "hello2", "bye");
    }

    @Test
    void consumeDataForAPipeDataProducerSucceedsWithIgnoredSubchannel() throws Exception {
        DirectTransport directTransport1 = await(router1.createDirectTransport());
        DataProducer directDataProducer = await(directTransport1.produceData(DataProducerOptions.builder()
                .label("foo").protocol("bar").build()));
        DataConsumer pipeDataConsumer = pipeData(directDataProducer, router1, router2).pipeDataConsumer();
        DirectTransport directTransport2 = await(router2.createDirectTransport());
        DataConsumer directDataConsumer1 = await(directTransport2.consumeData(DataConsumerOptions.builder()
                .dataProducerId(directDataProducer.id()).subchannels(List.of(111)).build()));
        DataConsumer directDataConsumer2 = await(directTransport2.consumeData(DataConsumerOptions.builder()
                .dataProducerId(directDataProducer.id()).subchannels(List.of(222)).build()));
        // A pipe DataConsumer must be subscribed to the union of the subchannels of all the
        // DataConsumers behind it.
        await(pipeDataConsumer.setSubchannels(List.of(111, 222)));
        List<String> receivedMessages1 = new CopyOnWriteArrayList<>();
        List<String> receivedMessages2 = new CopyOnWriteArrayList<>();
        CompletableFuture<Void> bye1 = collectUntilBye(directDataConsumer1, receivedMessages1);
        CompletableFuture<Void> bye2 = collectUntilBye(directDataConsumer2, receivedMessages2);

        // pipeDataConsumer is subscribed to 111 but, being a pipe DataConsumer, must not apply
        // ignoredSubchannel itself (it would drop the message for every DataConsumer behind it):
        // it travels with the message and the final DataConsumers apply it.
        directDataProducer.send("hello1", null, null, null, 111);
        directDataProducer.send("bye");
        await(CompletableFuture.allOf(bye1, bye2));

        assertThat(receivedMessages1).containsExactly("bye");
        assertThat(receivedMessages2).containsExactly("hello1", "bye");
    }

    private static CompletableFuture<Void> collectUntilBye(DataConsumer dataConsumer, List<String> received) {
        CompletableFuture<Void> bye = new CompletableFuture<>();
        dataConsumer.on(DataConsumer.MESSAGE, message -> {
            received.add(message.text());
            if (message.text().equals("bye")) {
                bye.complete(null);
            }
        });
        return bye;
    }

    @Test
    void dataProducerCloseIsTransmittedToPipeDataConsumer() throws Exception {
        DataProducer pipeDataProducer = pipeData(dataProducer, router1, router2).pipeDataProducer();
        DataConsumer dataConsumer = await(webRtcTransport2.consumeData(DataConsumerOptions.of(pipeDataProducer.id())));
        CompletableFuture<Void> dataProducerClose = new CompletableFuture<>();
        dataConsumer.once(DataConsumer.DATA_PRODUCER_CLOSE, dataProducerClose::complete);

        dataProducer.close();

        assertThat(dataProducer.closed()).isTrue();
        if (!dataConsumer.closed()) {
            await(dataProducerClose);
        }
        assertThat(dataConsumer.closed()).isTrue();
        assertThat(failure(dataConsumer::dump)).isInstanceOf(NotFoundError.class);
    }

    @Test
    void pipeToRouterCalledTwiceGeneratesASinglePipeTransportPair() throws Exception {
        Router routerA = await(worker1.createRouter(ROUTER_OPTIONS));
        Router routerB = await(worker2.createRouter(ROUTER_OPTIONS));
        WebRtcTransport transportA1 = await(routerA.createWebRtcTransport(WebRtcTransportOptions.builder().listenIps("127.0.0.1").build()));
        WebRtcTransport transportA2 = await(routerA.createWebRtcTransport(WebRtcTransportOptions.builder().listenIps("127.0.0.1").build()));
        Producer audioProducerA1 = await(transportA1.produce(AUDIO_PRODUCER_OPTIONS));
        Producer audioProducerA2 = await(transportA2.produce(AUDIO_PRODUCER_OPTIONS));

        await(CompletableFuture.allOf(
                routerA.pipeToRouter(PipeToRouterOptions.builder().producerId(audioProducerA1.id()).router(routerB).build()),
                routerA.pipeToRouter(PipeToRouterOptions.builder().producerId(audioProducerA2.id()).router(routerB).build())));

        // There should be 3 Transports in routerA:
        // - WebRtcTransport for audioProducerA1 and audioProducerA2.
        // - PipeTransport between routerA and routerB.
        assertThat(await(routerA.dump()).transportIds()).hasSize(3);
        // There should be 1 Transport in routerB:
        // - PipeTransport between routerA and routerB.
        assertThat(await(routerB.dump()).transportIds()).hasSize(1);
    }

    @Test
    void pipeToRouterCalledInTwoRoutersPassingOneToEachOtherGeneratesASinglePipeTransportPair() throws Exception {
        Router routerA = await(worker1.createRouter(ROUTER_OPTIONS));
        Router routerB = await(worker2.createRouter(ROUTER_OPTIONS));
        WebRtcTransport transportA = await(routerA.createWebRtcTransport(WebRtcTransportOptions.builder().listenIps("127.0.0.1").build()));
        WebRtcTransport transportB = await(routerB.createWebRtcTransport(WebRtcTransportOptions.builder().listenIps("127.0.0.1").build()));
        Producer audioProducerA = await(transportA.produce(AUDIO_PRODUCER_OPTIONS));
        Producer audioProducerB = await(transportB.produce(AUDIO_PRODUCER_OPTIONS));
        Map<String, PipeTransport> pipeTransportsA = new ConcurrentHashMap<>();
        Map<String, PipeTransport> pipeTransportsB = new ConcurrentHashMap<>();
        trackPipeTransports(routerA, pipeTransportsA);
        trackPipeTransports(routerB, pipeTransportsB);

        await(CompletableFuture.allOf(
                routerA.pipeToRouter(PipeToRouterOptions.builder().producerId(audioProducerA.id()).router(routerB).build()),
                routerB.pipeToRouter(PipeToRouterOptions.builder().producerId(audioProducerB.id()).router(routerA).build())));

        // There should be a single PipeTransport in each Router and they must be connected.
        assertThat(pipeTransportsA).hasSize(1);
        assertThat(pipeTransportsB).hasSize(1);
        PipeTransport pipeTransportA = new ArrayList<>(pipeTransportsA.values()).get(0);
        PipeTransport pipeTransportB = new ArrayList<>(pipeTransportsB.values()).get(0);
        assertThat(pipeTransportA.tuple().localPort()).isEqualTo(pipeTransportB.tuple().remotePort());
        assertThat(pipeTransportB.tuple().localPort()).isEqualTo(pipeTransportA.tuple().remotePort());

        routerA.close();

        assertThat(pipeTransportsA).isEmpty();
        assertThat(pipeTransportsB).isEmpty();
    }

    private static void trackPipeTransports(Router router, Map<String, PipeTransport> pipeTransports) {
        router.observer().on(Router.NEW_TRANSPORT, transport -> {
            if (!(transport instanceof PipeTransport pipeTransport)) {
                return;
            }
            pipeTransports.put(pipeTransport.id(), pipeTransport);
            pipeTransport.observer().on(Transport.OBSERVER_CLOSE, nothing -> pipeTransports.remove(pipeTransport.id()));
        });
    }

    @Test
    void pipeToRouterWithNeitherProducerIdNorDataProducerIdFails() throws Exception {
        Router router1bis = await(worker1.createRouter(ROUTER_OPTIONS));

        assertThat(failure(() -> router1.pipeToRouter(PipeToRouterOptions.builder().router(router1bis).build())))
                .isInstanceOf(TypeError.class);
    }

    @Test
    void pipeToRouterWithBothProducerIdAndDataProducerIdFails() throws Exception {
        Router router1bis = await(worker1.createRouter(ROUTER_OPTIONS));

        assertThat(failure(() -> router1.pipeToRouter(PipeToRouterOptions.builder()
                .producerId("1234").dataProducerId("5678").router(router1bis).build())))
                .isInstanceOf(TypeError.class);
    }
}
