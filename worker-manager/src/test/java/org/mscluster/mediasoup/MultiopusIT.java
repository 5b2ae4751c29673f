package org.mscluster.mediasoup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mscluster.mediasoup.Futures.await;
import static org.mscluster.mediasoup.Futures.failure;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.consumer.Consumer;
import org.mscluster.mediasoup.consumer.ConsumerOptions;
import org.mscluster.mediasoup.errors.MediasoupException;
import org.mscluster.mediasoup.errors.UnsupportedError;
import org.mscluster.mediasoup.producer.Producer;
import org.mscluster.mediasoup.producer.ProducerOptions;
import org.mscluster.mediasoup.router.Router;
import org.mscluster.mediasoup.router.RouterOptions;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.RtpCodecParameters;
import org.mscluster.mediasoup.transport.ListenInfo;
import org.mscluster.mediasoup.transport.WebRtcTransport;
import org.mscluster.mediasoup.transport.WebRtcTransportOptions;
import org.mscluster.mediasoup.worker.Worker;

/** Port of mediasoup 3.27.1's {@code node/lib/test/test-multiopus.js}, against the real worker. */
class MultiopusIT {

    static final RouterOptions ROUTER_OPTIONS = JsLiterals.read(RouterOptions.class, """
            { mediaCodecs: [
                {
                    kind: 'audio', mimeType: 'audio/multiopus', preferredPayloadType: 100, clockRate: 48000, channels: 6,
                    parameters: { useinbandfec: 1, channel_mapping: '0,4,1,2,3,5', num_streams: 4, coupled_streams: 2 },
                },
            ] }""");

    static final ProducerOptions AUDIO_PRODUCER_OPTIONS = JsLiterals.read(ProducerOptions.class, """
            {
                kind: 'audio',
                rtpParameters: {
                    mid: 'AUDIO',
                    codecs: [
                        {
                            mimeType: 'audio/multiopus', payloadType: 0, clockRate: 48000, channels: 6,
                            parameters: { useinbandfec: 1, channel_mapping: '0,4,1,2,3,5', num_streams: 4, coupled_streams: 2 },
                        },
                    ],
                    headerExtensions: [
                        { uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', id: 10 },
                        { uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', id: 12 },
                    ],
                },
            }""");

    static final RtpCapabilities CONSUMER_DEVICE_CAPABILITIES = JsLiterals.read(RtpCapabilities.class, """
            {
                codecs: [
                    {
                        mimeType: 'audio/multiopus', kind: 'audio', preferredPayloadType: 100, clockRate: 48000, channels: 6,
                        parameters: { channel_mapping: '0,4,1,2,3,5', num_streams: 4, coupled_streams: 2 },
                    },
                ],
                headerExtensions: [
                    { kind: 'audio', uri: 'urn:ietf:params:rtp-hdrext:sdes:mid', preferredId: 1, preferredEncrypt: false },
                    { kind: 'audio', uri: 'http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time', preferredId: 4,
                      preferredEncrypt: false },
                    { kind: 'audio', uri: 'urn:ietf:params:rtp-hdrext:ssrc-audio-level', preferredId: 10,
                      preferredEncrypt: false },
                ],
            }""");

    private Worker worker;
    private Router router;
    private WebRtcTransport webRtcTransport;

    @BeforeEach
    void createTransport() throws Exception {
        worker = TestWorkers.start();
        router = await(worker.createRouter(ROUTER_OPTIONS));
        webRtcTransport = await(router.createWebRtcTransport(
                WebRtcTransportOptions.builder().listenInfos(ListenInfo.udp("127.0.0.1")).build()));
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

    @Test
    void produceAndConsumeSucceed() throws Exception {
        Producer audioProducer = await(webRtcTransport.produce(AUDIO_PRODUCER_OPTIONS));

        assertThat(audioProducer.rtpParameters().codecs()).containsExactly(codec("""
                {
                    mimeType: 'audio/multiopus', payloadType: 0, clockRate: 48000, channels: 6,
                    parameters: { useinbandfec: 1, channel_mapping: '0,4,1,2,3,5', num_streams: 4, coupled_streams: 2 },
                    rtcpFeedback: [],
                }"""));
        assertThat(router.canConsume(audioProducer.id(), CONSUMER_DEVICE_CAPABILITIES)).isTrue();

        Consumer audioConsumer = await(webRtcTransport.consume(
                ConsumerOptions.of(audioProducer.id(), CONSUMER_DEVICE_CAPABILITIES)));

        assertThat(audioConsumer.rtpParameters().codecs()).containsExactly(codec("""
                {
                    mimeType: 'audio/multiopus', payloadType: 100, clockRate: 48000, channels: 6,
                    parameters: { useinbandfec: 1, channel_mapping: '0,4,1,2,3,5', num_streams: 4, coupled_streams: 2 },
                    rtcpFeedback: [],
                }"""));
    }

    @Test
    void failsToProduceWrongParameters() {
        assertThat(failure(() -> webRtcTransport.produce(JsLiterals.read(ProducerOptions.class, """
                {
                    kind: 'audio',
                    rtpParameters: {
                        mid: 'AUDIO',
                        codecs: [
                            {
                                mimeType: 'audio/multiopus', payloadType: 0, clockRate: 48000, channels: 6,
                                parameters: { channel_mapping: '0,4,1,2,3,5', num_streams: 2, coupled_streams: 2 },
                            },
                        ],
                    },
                }""")))).isInstanceOf(UnsupportedError.class);

        assertThat(failure(() -> webRtcTransport.produce(JsLiterals.read(ProducerOptions.class, """
                {
                    kind: 'audio',
                    rtpParameters: {
                        mid: 'AUDIO',
                        codecs: [
                            {
                                mimeType: 'audio/multiopus', payloadType: 0, clockRate: 48000, channels: 6,
                                parameters: { channel_mapping: '0,4,1,2,3,5', num_streams: 4, coupled_streams: 1 },
                            },
                        ],
                    },
                }""")))).isInstanceOf(UnsupportedError.class);
    }

    @Test
    void failsToConsumeWrongChannels() throws Exception {
        Producer audioProducer = await(webRtcTransport.produce(AUDIO_PRODUCER_OPTIONS));
        RtpCapabilities localConsumerDeviceCapabilities = JsLiterals.read(RtpCapabilities.class, """
                {
                    codecs: [
                        {
                            mimeType: 'audio/multiopus', kind: 'audio', preferredPayloadType: 100, clockRate: 48000,
                            channels: 8,
                            parameters: { channel_mapping: '0,4,1,2,3,5', num_streams: 4, coupled_streams: 2 },
                        },
                    ],
                }""");

        assertThat(router.canConsume(audioProducer.id(), localConsumerDeviceCapabilities)).isFalse();
        assertThat(failure(() -> webRtcTransport.consume(
                ConsumerOptions.of(audioProducer.id(), localConsumerDeviceCapabilities))))
                .isInstanceOf(MediasoupException.class);
    }
}
