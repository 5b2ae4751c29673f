package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.mscluster.mediasoup.Futures.await;
import static org.mscluster.mediasoup.Futures.failure;

import FBS.Notification.Event;
import FBS.Producer.Score;
import FBS.Producer.ScoreNotification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.errors.MediasoupException;
import org.mscluster.mediasoup.errors.NotFoundError;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.errors.UnsupportedError;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.producer.ProducerDump;
import org.mscluster.mediasoup.producer.ProducerOptions;
import org.mscluster.mediasoup.producer.ProducerScore;
import org.mscluster.mediasoup.producer.ProducerTraceEventType;
import org.mscluster.mediasoup.producer.ProducerType;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterDump;
import org.mscluster.mediasoup.router.RouterOptions;
import org.mscluster.mediasoup.rtp.MediaKind;
import org.mscluster.mediasoup.rtp.RtcpFeedback;
import org.mscluster.mediasoup.rtp.RtpEncodingParameters;
import org.mscluster.mediasoup.rtp.RtpHeaderExtensionParameters;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.mediasoup.transport.Transport;
import org.mscluster.mediasoup.transport.WebRtcTransport;
import org.mscluster.mediasoup.transport.WebRtcTransportOptions;
import org.mscluster.mediasoup.worker.Worker;

/** Port of mediasoup 3.27.1's {@code node/lib/test/test-Producer.js}, against the real worker. */
class ProducerIT {

    static final RouterOptions ROUTER_OPTIONS = JsLiterals.read(RouterOptions.class, """
            { mediaCodecs: [
                { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2, parameters: { foo: '111' } },
                { kind: 'video', mimeType: 'video/VP8', clockRate: 90000 },
                {
                    kind: 'video', mimeType: 'video/H264', clockRate: 90000,
                    parameters: {
                        'level-asymmetry-allowed': 1, 'packetization-mode': 1, 'profile-level-id': '4d0032', foo: 'bar',
                    },
                    rtcpFeedback: [], // Will be ignored.
                },
            ] }""");

    static final ProducerOptions AUDIO_PRODUCER_OPTIONS = JsLiterals.read(ProducerOptions.class, """
            {
                kind: 'audio',
                rtpParameters: {
                    mid: 'AUDIO',
                    codecs: [
                        {
                            mimeType: 'audio/opus', payloadType: 0, clockRate: 48000, channels: 2,
                            parameters: { useinbandfec: 1, usedtx: 1, foo: 222.222, bar: '333' },
                        },
                    ],
                    headerExtensions: [
                        { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10 },
                        { uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 12 },
                    ],
                    // Missing encodings on purpose.
                    rtcp: { cname: 'audio-1' },
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
                            rtcpFeedback: [ { type: 'nack' }, { type: 'nack', parameter: 'pli' }, { type: 'goog-remb' } ],
                        },
                        { mimeType: 'video/rtx', payloadType: 113, clockRate: 90000, parameters: { apt: 112 } },
                    ],
                    headerExtensions: [
                        { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10 },
                        { uri: 'urn:3gpp:video-orientation', id: 13 },
                    ],
                    encodings: [
                        { ssrc: 22222222, rtx: { ssrc: 22222223 }, scalabilityMode: 'L1T3' },
                        { ssrc: 22222224, rtx: { ssrc: 22222225 } },
                        { ssrc: 22222226, rtx: { ssrc: 22222227 } },
                        { ssrc: 22222228, rtx: { ssrc: 22222229 } },
                    ],
                    rtcp: { cname: 'video-1' },
                },
                appData: { foo: 1, bar: '2' },
            }""");

    private Worker worker;
    private Router router;
    private WebRtcTransport webRtcTransport1;
    private WebRtcTransport webRtcTransport2;

    @BeforeEach
    void createTransports() throws Exception {
        worker = TestWorkers.start();
        router = await(worker.createRouter(ROUTER_OPTIONS));
        webRtcTransport1 = await(router.createWebRtcTransport(WebRtcTransportOptions.builder().listenIps("127.0.0.1").build()));
        webRtcTransport2 = await(router.createWebRtcTransport(WebRtcTransportOptions.builder().listenIps("127.0.0.1").build()));
    }

    @AfterEach
    void closeWorker() throws Exception {
        try {
            NoLeftovers.assertClean(worker);
        } finally {
            TestWorkers.close(worker);
        }
    }

    private static ProducerOptions producerOptions(String literal) {
        return JsLiterals.read(ProducerOptions.class, literal);
    }

    @Test
    void webRtcTransport1ProduceSucceeds() throws Exception {
        List<Producer> newProducers = new ArrayList<>();
        webRtcTransport1.observer().once(Transport.NEW_PRODUCER, newProducers::add);

        Producer audioProducer = await(webRtcTransport1.produce(AUDIO_PRODUCER_OPTIONS));

        assertThat(newProducers).containsExactly(audioProducer);
        assertThat(audioProducer.id()).isNotBlank();
        assertThat(audioProducer.closed()).isFalse();
        assertThat(audioProducer.kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(audioProducer.rtpParameters()).isNotNull();
        assertThat(audioProducer.type()).isEqualTo(ProducerType.SIMPLE);
        assertThat(audioProducer.consumableRtpParameters()).isNotNull();
        assertThat(audioProducer.paused()).isFalse();
        assertThat(audioProducer.score()).isEmpty();
        assertThat(audioProducer.appData()).isEqualTo(Map.of("foo", 1, "bar", "2"));

        RouterDump routerDump = await(router.dump());
        assertThat(routerDump.mapProducerIdConsumerIds()).isEqualTo(Map.of(audioProducer.id(), List.of()));
        assertThat(routerDump.mapConsumerIdProducerId()).isEmpty();
        var transportDump = await(webRtcTransport1.dump());
        assertThat(transportDump.id()).isEqualTo(webRtcTransport1.id());
        assertThat(transportDump.producerIds()).containsExactly(audioProducer.id());
        assertThat(transportDump.consumerIds()).isEmpty();
    }

    @Test
    void webRtcTransport2ProduceSucceeds() throws Exception {
        List<Producer> newProducers = new ArrayList<>();
        webRtcTransport2.observer().once(Transport.NEW_PRODUCER, newProducers::add);

        Producer videoProducer = await(webRtcTransport2.produce(VIDEO_PRODUCER_OPTIONS));

        assertThat(newProducers).containsExactly(videoProducer);
        assertThat(videoProducer.id()).isNotBlank();
        assertThat(videoProducer.closed()).isFalse();
        assertThat(videoProducer.kind()).isEqualTo(MediaKind.VIDEO);
        assertThat(videoProducer.rtpParameters()).isNotNull();
        assertThat(videoProducer.type()).isEqualTo(ProducerType.SIMULCAST);
        assertThat(videoProducer.consumableRtpParameters()).isNotNull();
        assertThat(videoProducer.paused()).isFalse();
        assertThat(videoProducer.score()).isEmpty();
        assertThat(videoProducer.appData()).isEqualTo(Map.of("foo", 1, "bar", "2"));

        RouterDump routerDump = await(router.dump());
        assertThat(routerDump.mapProducerIdConsumerIds()).containsEntry(videoProducer.id(), List.of());
        assertThat(routerDump.mapConsumerIdProducerId()).isEmpty();
        var transportDump = await(webRtcTransport2.dump());
        assertThat(transportDump.id()).isEqualTo(webRtcTransport2.id());
        assertThat(transportDump.producerIds()).containsExactly(videoProducer.id());
        assertThat(transportDump.consumerIds()).isEmpty();
    }

    @Test
    void webRtcTransport1ProduceWithoutHeaderExtensionsAndRtcpSucceeds() throws Exception {
        List<Producer> newProducers = new ArrayList<>();
        webRtcTransport1.observer().once(Transport.NEW_PRODUCER, newProducers::add);

        Producer audioProducer = await(webRtcTransport1.produce(producerOptions("""
                {
                    kind: 'audio',
                    rtpParameters: {
                        mid: 'AUDIO2',
                        codecs: [
                            {
                                mimeType: 'audio/opus', payloadType: 0, clockRate: 48000, channels: 2,
                                parameters: { useinbandfec: 1, usedtx: 1, foo: 222.222, bar: '333' },
                            },
                        ],
                    },
                    appData: { foo: 1, bar: '2' },
                }""")));

        assertThat(newProducers).containsExactly(audioProducer);
        assertThat(audioProducer.id()).isNotBlank();
        assertThat(audioProducer.closed()).isFalse();
        assertThat(audioProducer.kind()).isEqualTo(MediaKind.AUDIO);
        assertThat(audioProducer.rtpParameters()).isNotNull();
        assertThat(audioProducer.type()).isEqualTo(ProducerType.SIMPLE);
        assertThat(audioProducer.consumableRtpParameters()).isNotNull();
        assertThat(audioProducer.paused()).isFalse();
        assertThat(audioProducer.score()).isEmpty();
        assertThat(audioProducer.appData()).isEqualTo(Map.of("foo", 1, "bar", "2"));
        audioProducer.close();
    }

    /**
     * Node's first case passes {@code kind: 'chicken'}, which reads as no kind here. Its "invalid
     * ssrc" case ({@code ssrc: '1111'}, a string) cannot be written in Java, where an SSRC is a number.
     */
    @Test
    void webRtcTransport1ProduceWithWrongArgumentsRejectsWithTypeError() {
        assertThat(failure(() -> webRtcTransport1.produce(producerOptions("{ kind: 'chicken', rtpParameters: {} }"))))
                .isInstanceOf(TypeError.class);

        assertThat(failure(() -> webRtcTransport1.produce(producerOptions("{ kind: 'audio', rtpParameters: {} }"))))
                .isInstanceOf(TypeError.class);

        // Missing or empty rtpParameters.encodings.
        assertThat(failure(() -> webRtcTransport1.produce(producerOptions("""
                {
                    kind: 'video',
                    rtpParameters: {
                        codecs: [
                            {
                                mimeType: 'video/h264', payloadType: 112, clockRate: 90000,
                                parameters: { 'packetization-mode': 1, 'profile-level-id': '4d0032' },
                            },
                            { mimeType: 'video/rtx', payloadType: 113, clockRate: 90000, parameters: { apt: 112 } },
                        ],
                        headerExtensions: [],
                        encodings: [],
                        rtcp: { cname: 'qwerty' },
                    },
                }""")))).isInstanceOf(TypeError.class);

        // Wrong apt in RTX codec.
        assertThat(failure(() -> webRtcTransport1.produce(producerOptions("""
                {
                    kind: 'audio',
                    rtpParameters: {
                        codecs: [
                            {
                                mimeType: 'video/h264', payloadType: 112, clockRate: 90000,
                                parameters: { 'packetization-mode': 1, 'profile-level-id': '4d0032' },
                            },
                            { mimeType: 'video/rtx', payloadType: 113, clockRate: 90000, parameters: { apt: 111 } },
                        ],
                        headerExtensions: [],
                        encodings: [{ ssrc: 6666, rtx: { ssrc: 6667 } }],
                        rtcp: { cname: 'video-1' },
                    },
                }""")))).isInstanceOf(TypeError.class);
    }

    @Test
    void webRtcTransport1ProduceWithUnsupportedCodecsRejectsWithUnsupportedError() {
        assertThat(failure(() -> webRtcTransport1.produce(producerOptions("""
                {
                    kind: 'audio',
                    rtpParameters: {
                        codecs: [{ mimeType: 'audio/ISAC', payloadType: 108, clockRate: 32000 }],
                        headerExtensions: [],
                        encodings: [{ ssrc: 1111 }],
                        rtcp: { cname: 'audio' },
                    },
                }""")))).isInstanceOf(UnsupportedError.class);

        // Invalid H264 profile-level-id.
        assertThat(failure(() -> webRtcTransport1.produce(producerOptions("""
                {
                    kind: 'video',
                    rtpParameters: {
                        codecs: [
                            {
                                mimeType: 'video/h264', payloadType: 112, clockRate: 90000,
                                parameters: { 'packetization-mode': 1, 'profile-level-id': 'CHICKEN' },
                            },
                            { mimeType: 'video/rtx', payloadType: 113, clockRate: 90000, parameters: { apt: 112 } },
                        ],
                        headerExtensions: [],
                        encodings: [{ ssrc: 6666, rtx: { ssrc: 6667 } }],
                    },
                }""")))).isInstanceOf(UnsupportedError.class);
    }

    @Test
    void transportProduceWithAlreadyUsedMidOrSsrcRejectsWithError() throws Exception {
        ProducerOptions audioProducerOptions = producerOptions("""
                {
                    kind: 'audio',
                    rtpParameters: {
                        mid: 'AUDIO',
                        codecs: [{ mimeType: 'audio/opus', payloadType: 0, clockRate: 48000, channels: 2 }],
                        encodings: [{ ssrc: 33333333 }],
                    },
                }""");
        ProducerOptions videoProducerOptions = producerOptions("""
                {
                    kind: 'video',
                    rtpParameters: {
                        mid: 'VIDEO2',
                        codecs: [
                            {
                                mimeType: 'video/h264', payloadType: 112, clockRate: 90000,
                                parameters: { 'packetization-mode': 1, 'profile-level-id': '4d0032' },
                            },
                        ],
                        headerExtensions: [{ uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10 }],
                        encodings: [{ ssrc: 22222222 }],
                        rtcp: { cname: 'video-1' },
                    },
                }""");

        await(webRtcTransport1.produce(audioProducerOptions));
        assertThat(failure(() -> webRtcTransport1.produce(audioProducerOptions))).isInstanceOf(MediasoupException.class);

        await(webRtcTransport2.produce(videoProducerOptions));
        assertThat(failure(() -> webRtcTransport2.produce(videoProducerOptions))).isInstanceOf(MediasoupException.class);
    }

    @Test
    void transportProduceWithNoMidAndWithSingleEncodingWithoutRidOrSsrcRejectsWithError() {
        assertThat(failure(() -> webRtcTransport1.produce(producerOptions("""
                {
                    kind: 'audio',
                    rtpParameters: {
                        codecs: [{ mimeType: 'audio/opus', payloadType: 111, clockRate: 48000, channels: 2 }],
                        encodings: [{}],
                    },
                }""")))).isInstanceOf(MediasoupException.class);
    }

    @Test
    void transportProduceWithSingleEncodingAndNoTemporalLayersIsOfTypeSimple() throws Exception {
        Producer producer = await(webRtcTransport1.produce(producerOptions("""
                {
                    kind: 'video',
                    rtpParameters: {
                        codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }],
                        encodings: [{ ssrc: 11111111 }],
                        rtcp: { cname: 'test' },
                    },
                }""")));

        assertThat(producer.type()).isEqualTo(ProducerType.SIMPLE);
    }

    @Test
    void transportProduceWithSingleEncodingAndTemporalLayersIsOfTypeSvc() throws Exception {
        Producer producer = await(webRtcTransport1.produce(producerOptions("""
                {
                    kind: 'video',
                    rtpParameters: {
                        codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }],
                        encodings: [{ ssrc: 11111111, scalabilityMode: 'L1T3' }],
                        rtcp: { cname: 'test' },
                    },
                }""")));

        assertThat(producer.type()).isEqualTo(ProducerType.SVC);
    }

    @Test
    void transportProduceWithMultipleEncodingsIsOfTypeSimulcast() throws Exception {
        Producer producer = await(webRtcTransport1.produce(producerOptions("""
                {
                    kind: 'video',
                    rtpParameters: {
                        codecs: [{ mimeType: 'video/VP8', payloadType: 96, clockRate: 90000 }],
                        encodings: [
                            { ssrc: 11111111, scalabilityMode: 'L1T3' },
                            { ssrc: 22222222, scalabilityMode: 'L1T3' },
                        ],
                        rtcp: { cname: 'test' },
                    },
                }""")));

        assertThat(producer.type()).isEqualTo(ProducerType.SIMULCAST);
    }

    @Test
    void producerDumpSucceeds() throws Exception {
        Producer audioProducer = await(webRtcTransport1.produce(AUDIO_PRODUCER_OPTIONS));
        ProducerDump dump1 = await(audioProducer.dump());

        assertThat(dump1.id()).isEqualTo(audioProducer.id());
        assertThat(dump1.kind()).isEqualTo(audioProducer.kind());
        RtpParameters rtp1 = dump1.rtpParameters();
        assertThat(rtp1.codecs()).hasSize(1);
        assertThat(rtp1.codecs().get(0).mimeType()).isEqualTo("audio/opus");
        assertThat(rtp1.codecs().get(0).payloadType()).isEqualTo(0);
        assertThat(rtp1.codecs().get(0).clockRate()).isEqualTo(48000);
        assertThat(rtp1.codecs().get(0).channels()).isEqualTo(2);
        assertThat(rtp1.codecs().get(0).parameters())
                .isEqualTo(Map.of("useinbandfec", 1, "usedtx", 1, "foo", 222.222, "bar", "333"));
        assertThat(rtp1.codecs().get(0).rtcpFeedback()).isEmpty();
        assertThat(rtp1.headerExtensions()).containsExactly(
                new RtpHeaderExtensionParameters("urn:ietf:params:rtp-hdrext:sdes:mid", 10, false, Map.of()),
                new RtpHeaderExtensionParameters("urn:ietf:params:rtp-hdrext:ssrc-audio-level", 12, false, Map.of()));
        assertThat(rtp1.encodings()).hasSize(1);
        assertThat(rtp1.encodings().get(0).codecPayloadType()).isEqualTo(0);
        assertThat(dump1.type()).isEqualTo(ProducerType.SIMPLE);

        Producer videoProducer = await(webRtcTransport2.produce(VIDEO_PRODUCER_OPTIONS));
        ProducerDump dump2 = await(videoProducer.dump());

        assertThat(dump2.id()).isEqualTo(videoProducer.id());
        assertThat(dump2.kind()).isEqualTo(videoProducer.kind());
        RtpParameters rtp2 = dump2.rtpParameters();
        assertThat(rtp2.codecs()).hasSize(2);
        assertThat(rtp2.codecs().get(0).mimeType()).isEqualTo("video/H264");
        assertThat(rtp2.codecs().get(0).payloadType()).isEqualTo(112);
        assertThat(rtp2.codecs().get(0).clockRate()).isEqualTo(90000);
        assertThat(rtp2.codecs().get(0).channels()).isNull();
        assertThat(rtp2.codecs().get(0).parameters())
                .isEqualTo(Map.of("packetization-mode", 1, "profile-level-id", "4d0032"));
        assertThat(rtp2.codecs().get(0).rtcpFeedback()).containsExactly(
                RtcpFeedback.of("nack"), RtcpFeedback.of("nack", "pli"), RtcpFeedback.of("goog-remb"));
        assertThat(rtp2.codecs().get(1).mimeType()).isEqualTo("video/rtx");
        assertThat(rtp2.codecs().get(1).payloadType()).isEqualTo(113);
        assertThat(rtp2.codecs().get(1).clockRate()).isEqualTo(90000);
        assertThat(rtp2.codecs().get(1).channels()).isNull();
        assertThat(rtp2.codecs().get(1).parameters()).isEqualTo(Map.of("apt", 112));
        assertThat(rtp2.codecs().get(1).rtcpFeedback()).isEmpty();
        assertThat(rtp2.headerExtensions()).containsExactly(
                new RtpHeaderExtensionParameters("urn:ietf:params:rtp-hdrext:sdes:mid", 10, false, Map.of()),
                new RtpHeaderExtensionParameters("urn:3gpp:video-orientation", 13, false, Map.of()));
        assertThat(rtp2.encodings()).hasSize(4);
        // toMatchObject: only the fields the jest test names (the worker fills in S1T1 for the others).
        assertThat(rtp2.encodings())
                .extracting(RtpEncodingParameters::codecPayloadType, RtpEncodingParameters::ssrc, e -> e.rtx().ssrc())
                .containsExactly(
                        tuple(112, 22222222L, 22222223L),
                        tuple(112, 22222224L, 22222225L),
                        tuple(112, 22222226L, 22222227L),
                        tuple(112, 22222228L, 22222229L));
        assertThat(rtp2.encodings().get(0).scalabilityMode()).isEqualTo("L1T3");
        assertThat(dump2.type()).isEqualTo(ProducerType.SIMULCAST);
    }

    @Test
    void producerGetStatsSucceeds() throws Exception {
        Producer audioProducer = await(webRtcTransport1.produce(AUDIO_PRODUCER_OPTIONS));
        Producer videoProducer = await(webRtcTransport2.produce(VIDEO_PRODUCER_OPTIONS));

        assertThat(await(audioProducer.getStats())).isEmpty();
        assertThat(await(videoProducer.getStats())).isEmpty();
    }

    @Test
    void producerPauseAndResumeSucceed() throws Exception {
        Producer audioProducer = await(webRtcTransport1.produce(AUDIO_PRODUCER_OPTIONS));
        AtomicInteger onObserverPause = new AtomicInteger();
        AtomicInteger onObserverResume = new AtomicInteger();
        audioProducer.observer().on(Producer.OBSERVER_PAUSE, nothing -> onObserverPause.incrementAndGet());
        audioProducer.observer().on(Producer.OBSERVER_RESUME, nothing -> onObserverResume.incrementAndGet());

        await(audioProducer.pause());
        assertThat(audioProducer.paused()).isTrue();
        assertThat(await(audioProducer.dump()).paused()).isTrue();

        await(audioProducer.resume());
        assertThat(audioProducer.paused()).isFalse();
        assertThat(await(audioProducer.dump()).paused()).isFalse();

        // Even if we don't await for pause()/resume() completion, the observer must
        // fire 'pause' and 'resume' events if state was the opposite.
        audioProducer.pause();
        audioProducer.resume();
        audioProducer.pause();
        audioProducer.pause();
        audioProducer.pause();
        await(audioProducer.resume());

        assertThat(onObserverPause).hasValue(3);
        assertThat(onObserverResume).hasValue(3);
    }

    @Test
    void producerPauseAndResumeEmitEvents() throws Exception {
        Producer audioProducer = await(webRtcTransport1.produce(AUDIO_PRODUCER_OPTIONS));
        List<String> events = new ArrayList<>();
        audioProducer.observer().once(Producer.OBSERVER_RESUME, nothing -> events.add("resume"));
        audioProducer.observer().once(Producer.OBSERVER_PAUSE, nothing -> events.add("pause"));

        CompletableFuture.allOf(audioProducer.pause(), audioProducer.resume()).get(5, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(events).containsExactly("pause", "resume");
        assertThat(audioProducer.paused()).isFalse();
    }

    @Test
    void producerEnableTraceEventSucceed() throws Exception {
        Producer audioProducer = await(webRtcTransport1.produce(AUDIO_PRODUCER_OPTIONS));

        await(audioProducer.enableTraceEvent("rtp", "pli"));
        assertThat(await(audioProducer.dump()).traceEventTypes())
                .contains(ProducerTraceEventType.RTP, ProducerTraceEventType.PLI);

        await(audioProducer.enableTraceEvent());
        assertThat(await(audioProducer.dump()).traceEventTypes()).isEmpty();

        await(audioProducer.enableTraceEvent("nack", "FOO", "fir"));
        assertThat(await(audioProducer.dump()).traceEventTypes())
                .contains(ProducerTraceEventType.NACK, ProducerTraceEventType.FIR);

        await(audioProducer.enableTraceEvent());
        assertThat(await(audioProducer.dump()).traceEventTypes()).isEmpty();
    }

    /** Node's {@code 123} and {@code 'rtp'} (not an array) become a null array; {@code 123.123} a null entry. */
    @Test
    void producerEnableTraceEventWithWrongArgumentsRejectsWithTypeError() throws Exception {
        Producer audioProducer = await(webRtcTransport1.produce(AUDIO_PRODUCER_OPTIONS));

        assertThat(failure(() -> audioProducer.enableTraceEvent((String[]) null))).isInstanceOf(TypeError.class);
        assertThat(failure(() -> audioProducer.enableTraceEvent((List<ProducerTraceEventType>) null)))
                .isInstanceOf(TypeError.class);
        assertThat(failure(() -> audioProducer.enableTraceEvent("fir", null))).isInstanceOf(TypeError.class);
    }

    @Test
    void producerEmitsScore() throws Exception {
        Producer videoProducer = await(webRtcTransport2.produce(VIDEO_PRODUCER_OPTIONS));
        AtomicInteger onScore = new AtomicInteger();
        videoProducer.on(Producer.SCORE, scores -> onScore.incrementAndGet());

        // Simulate a 'score' notification coming through the channel.
        for (int i = 0; i < 3; i++) {
            FakeWorkerNotifications.send(videoProducer.channelForTesting(), videoProducer.id(), Event.PRODUCER_SCORE,
                    FBS.Notification.Body.Producer_ScoreNotification, builder -> {
                        int score1 = Score.createScore(builder, 0, 11, 0, 10);
                        int score2 = Score.createScore(builder, 1, 22, 0, 9);
                        return ScoreNotification.createScoreNotification(builder,
                                ScoreNotification.createScoresVector(builder, new int[] {score1, score2}));
                    });
        }

        assertThat(onScore).hasValue(3);
        assertThat(videoProducer.score()).containsExactly(
                new ProducerScore(0, 11, null, 10),
                new ProducerScore(1, 22, null, 9));
    }

    @Test
    void producerCloseSucceeds() throws Exception {
        Producer audioProducer = await(webRtcTransport1.produce(AUDIO_PRODUCER_OPTIONS));
        AtomicInteger onObserverClose = new AtomicInteger();
        audioProducer.observer().once(Producer.OBSERVER_CLOSE, nothing -> onObserverClose.incrementAndGet());

        audioProducer.close();

        assertThat(onObserverClose).hasValue(1);
        assertThat(audioProducer.closed()).isTrue();
        assertThat(failure(audioProducer::dump)).isInstanceOf(NotFoundError.class);
        RouterDump routerDump = await(router.dump());
        assertThat(routerDump.mapProducerIdConsumerIds()).isEmpty();
        assertThat(routerDump.mapConsumerIdProducerId()).isEmpty();
        var transportDump = await(webRtcTransport1.dump());
        assertThat(transportDump.id()).isEqualTo(webRtcTransport1.id());
        assertThat(transportDump.producerIds()).isEmpty();
        assertThat(transportDump.consumerIds()).isEmpty();
    }

    @Test
    void producerMethodsRejectIfClosed() throws Exception {
        Producer audioProducer = await(webRtcTransport1.produce(AUDIO_PRODUCER_OPTIONS));

        audioProducer.close();

        assertThat(failure(audioProducer::dump)).isInstanceOf(NotFoundError.class);
        assertThat(failure(audioProducer::getStats)).isInstanceOf(NotFoundError.class);
        assertThat(failure(audioProducer::pause)).isInstanceOf(NotFoundError.class);
        assertThat(failure(audioProducer::resume)).isInstanceOf(NotFoundError.class);
    }

    @Test
    void producerEmitsTransportcloseIfTransportIsClosed() throws Exception {
        Producer videoProducer = await(webRtcTransport2.produce(VIDEO_PRODUCER_OPTIONS));
        AtomicInteger onObserverClose = new AtomicInteger();
        videoProducer.observer().once(Producer.OBSERVER_CLOSE, nothing -> onObserverClose.incrementAndGet());
        CompletableFuture<Void> transportClose = new CompletableFuture<>();
        videoProducer.once(Producer.TRANSPORT_CLOSE, nothing -> transportClose.complete(null));

        webRtcTransport2.close();
        await(transportClose);

        assertThat(onObserverClose).hasValue(1);
        assertThat(videoProducer.closed()).isTrue();
        assertThat(failure(videoProducer::dump)).isInstanceOf(NotFoundError.class);
    }
}
