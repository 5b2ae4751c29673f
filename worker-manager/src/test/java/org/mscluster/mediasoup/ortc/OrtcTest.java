package org.mscluster.mediasoup.ortc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mscluster.mediasoup.rtp.MediaKind.AUDIO;
import static org.mscluster.mediasoup.rtp.MediaKind.VIDEO;
import static org.mscluster.mediasoup.rtp.RtpHeaderExtensionDirection.SENDRECV;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.mscluster.mediasoup.errors.UnsupportedError;
import org.mscluster.mediasoup.rtp.RtcpFeedback;
import org.mscluster.mediasoup.rtp.RtcpParameters;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.RtpCodecCapability;
import org.mscluster.mediasoup.rtp.RtpCodecParameters;
import org.mscluster.mediasoup.rtp.RtpEncodingParameters;
import org.mscluster.mediasoup.rtp.RtpHeaderExtension;
import org.mscluster.mediasoup.rtp.RtpHeaderExtensionParameters;
import org.mscluster.mediasoup.rtp.RtpHeaderExtensionUri;
import org.mscluster.mediasoup.rtp.RtpParameters;

/** Port of mediasoup 3.27.1's {@code test-ortc.ts} ({@code node/lib/test/test-ortc.js}), one test per {@code test(...)}. */
class OrtcTest {

    private static final List<RtcpFeedback> VIDEO_FEEDBACK = List.of(
            RtcpFeedback.of("nack", ""),
            RtcpFeedback.of("nack", "pli"),
            RtcpFeedback.of("ccm", "fir"),
            RtcpFeedback.of("goog-remb", ""),
            RtcpFeedback.of("transport-cc", ""));

    @Test
    void generateRouterRtpCapabilitiesSucceeds() {
        List<RtpCodecCapability> mediaCodecs = List.of(
                RtpCodecCapability.builder()
                        .kind(AUDIO)
                        .mimeType("audio/opus")
                        .clockRate(48000)
                        .channels(2)
                        .parameters(params("useinbandfec", 1, "foo", "bar"))
                        .build(),
                RtpCodecCapability.builder()
                        .kind(VIDEO)
                        .mimeType("video/VP8")
                        .preferredPayloadType(125) // Let's force it.
                        .clockRate(90000)
                        .build(),
                RtpCodecCapability.builder()
                        .kind(VIDEO)
                        .mimeType("video/H264")
                        .clockRate(90000)
                        .parameters(params(
                                "level-asymmetry-allowed", 1,
                                "profile-level-id", "42e01f",
                                "foo", "bar"))
                        .rtcpFeedback(List.of()) // Will be ignored.
                        .build());

        RtpCapabilities rtpCapabilities = Ortc.generateRouterRtpCapabilities(mediaCodecs);

        assertThat(rtpCapabilities.codecs()).hasSize(5);

        // opus.
        assertThat(rtpCapabilities.codecs().get(0)).isEqualTo(RtpCodecCapability.builder()
                .kind(AUDIO)
                .mimeType("audio/opus")
                .preferredPayloadType(100) // 100 is the first available dynamic PT.
                .clockRate(48000)
                .channels(2)
                .parameters(params("useinbandfec", 1, "foo", "bar"))
                .rtcpFeedback(List.of(RtcpFeedback.of("nack", ""), RtcpFeedback.of("transport-cc", "")))
                .build());

        // VP8.
        assertThat(rtpCapabilities.codecs().get(1)).isEqualTo(RtpCodecCapability.builder()
                .kind(VIDEO)
                .mimeType("video/VP8")
                .preferredPayloadType(125)
                .clockRate(90000)
                .parameters(Map.of())
                .rtcpFeedback(VIDEO_FEEDBACK)
                .build());

        // VP8 RTX.
        assertThat(rtpCapabilities.codecs().get(2)).isEqualTo(RtpCodecCapability.builder()
                .kind(VIDEO)
                .mimeType("video/rtx")
                .preferredPayloadType(101) // 101 is the second available dynamic PT.
                .clockRate(90000)
                .parameters(params("apt", 125))
                .rtcpFeedback(List.of())
                .build());

        // H264.
        assertThat(rtpCapabilities.codecs().get(3)).isEqualTo(RtpCodecCapability.builder()
                .kind(VIDEO)
                .mimeType("video/H264")
                .preferredPayloadType(102) // 102 is the third available dynamic PT.
                .clockRate(90000)
                // Since packetization-mode param was not included in the H264 codec and its default
                // value is 0, it's not added by ortc.
                .parameters(params(
                        "level-asymmetry-allowed", 1,
                        "profile-level-id", "42e01f",
                        "foo", "bar"))
                .rtcpFeedback(VIDEO_FEEDBACK)
                .build());

        // H264 RTX.
        assertThat(rtpCapabilities.codecs().get(4)).isEqualTo(RtpCodecCapability.builder()
                .kind(VIDEO)
                .mimeType("video/rtx")
                .preferredPayloadType(103)
                .clockRate(90000)
                .parameters(params("apt", 102))
                .rtcpFeedback(List.of())
                .build());
    }

    @Test
    void generateRouterRtpCapabilitiesWithUnsupportedCodecsThrowsUnsupportedError() {
        List<RtpCodecCapability> mediaCodecs = List.of(RtpCodecCapability.builder()
                .kind(AUDIO)
                .mimeType("audio/chicken")
                .clockRate(8000)
                .channels(4)
                .build());

        assertThatThrownBy(() -> Ortc.generateRouterRtpCapabilities(mediaCodecs))
                .isInstanceOf(UnsupportedError.class);

        List<RtpCodecCapability> monoOpus = List.of(RtpCodecCapability.builder()
                .kind(AUDIO)
                .mimeType("audio/opus")
                .clockRate(48000)
                .channels(1)
                .build());

        assertThatThrownBy(() -> Ortc.generateRouterRtpCapabilities(monoOpus))
                .isInstanceOf(UnsupportedError.class);
    }

    @Test
    void generateRouterRtpCapabilitiesWithTooManyCodecsThrows() {
        List<RtpCodecCapability> mediaCodecs = new ArrayList<>();
        for (int i = 0; i < 100; ++i) {
            mediaCodecs.add(RtpCodecCapability.builder()
                    .kind(AUDIO)
                    .mimeType("audio/opus")
                    .clockRate(48000)
                    .channels(2)
                    .build());
        }

        assertThatThrownBy(() -> Ortc.generateRouterRtpCapabilities(mediaCodecs))
                .hasMessageContaining("cannot allocate");
    }

    @Test
    void getProducerRtpParametersMappingGetConsumableRtpParametersGetConsumerRtpParametersAndGetPipeConsumerRtpParametersSucceed() {
        List<RtpCodecCapability> mediaCodecs = List.of(
                RtpCodecCapability.builder()
                        .kind(AUDIO)
                        .mimeType("audio/opus")
                        .clockRate(48000)
                        .channels(2)
                        .build(),
                RtpCodecCapability.builder()
                        .kind(VIDEO)
                        .mimeType("video/H264")
                        .clockRate(90000)
                        .parameters(params(
                                "level-asymmetry-allowed", 1,
                                "packetization-mode", 1,
                                "profile-level-id", "4d0032",
                                "bar", "lalala"))
                        .build());

        RtpCapabilities routerRtpCapabilities = Ortc.generateRouterRtpCapabilities(mediaCodecs);

        RtpParameters rtpParameters = RtpParameters.builder()
                .codecs(List.of(
                        RtpCodecParameters.builder()
                                .mimeType("video/H264")
                                .payloadType(111)
                                .clockRate(90000)
                                .parameters(params(
                                        "foo", 1234,
                                        "packetization-mode", 1,
                                        "profile-level-id", "4d0032"))
                                .rtcpFeedback(List.of(
                                        RtcpFeedback.of("nack", ""),
                                        RtcpFeedback.of("nack", "pli"),
                                        RtcpFeedback.of("goog-remb", "")))
                                .build(),
                        RtpCodecParameters.builder()
                                .mimeType("video/rtx")
                                .payloadType(112)
                                .clockRate(90000)
                                .parameters(params("apt", 111))
                                .rtcpFeedback(List.of())
                                .build()))
                .headerExtensions(List.of(
                        RtpHeaderExtensionParameters.of(RtpHeaderExtensionUri.MID, 1),
                        RtpHeaderExtensionParameters.of(RtpHeaderExtensionUri.VIDEO_ORIENTATION, 2)))
                .encodings(List.of(
                        RtpEncodingParameters.builder()
                                .ssrc(11111111L)
                                .rtxSsrc(11111112L)
                                .maxBitrate(111111)
                                .scalabilityMode("L1T3")
                                .build(),
                        RtpEncodingParameters.builder()
                                .ssrc(21111111L)
                                .rtxSsrc(21111112L)
                                .maxBitrate(222222)
                                .scalabilityMode("L1T3")
                                .build(),
                        RtpEncodingParameters.builder()
                                .rid("high")
                                .maxBitrate(333333)
                                .scalabilityMode("L1T3")
                                .build()))
                .rtcp(new RtcpParameters("qwerty1234", null))
                .build();

        ProducerRtpParametersMapping producerMapping =
                Ortc.getProducerRtpParametersMapping(rtpParameters, routerRtpCapabilities);
        RtpCodecsEncodingsMapping rtpMapping = producerMapping.rtpMapping();

        assertThat(rtpMapping.codecs()).containsExactly(
                new RtpCodecsEncodingsMapping.CodecMapping(111, 101),
                new RtpCodecsEncodingsMapping.CodecMapping(112, 102));

        assertThat(rtpMapping.encodings().get(0).ssrc()).isEqualTo(11111111L);
        assertThat(rtpMapping.encodings().get(0).rid()).isNull();
        assertThat(rtpMapping.encodings().get(0).mappedSsrc()).isPositive();
        assertThat(rtpMapping.encodings().get(1).ssrc()).isEqualTo(21111111L);
        assertThat(rtpMapping.encodings().get(1).rid()).isNull();
        assertThat(rtpMapping.encodings().get(1).mappedSsrc()).isPositive();
        assertThat(rtpMapping.encodings().get(2).ssrc()).isNull();
        assertThat(rtpMapping.encodings().get(2).rid()).isEqualTo("high");
        assertThat(rtpMapping.encodings().get(2).mappedSsrc()).isPositive();

        RtpParameters consumableRtpParameters = Ortc.getConsumableRtpParameters(
                VIDEO, producerMapping.rtpParameters(), routerRtpCapabilities, rtpMapping);

        assertThat(consumableRtpParameters.codecs().get(0).mimeType()).isEqualTo("video/H264");
        assertThat(consumableRtpParameters.codecs().get(0).payloadType()).isEqualTo(101);
        assertThat(consumableRtpParameters.codecs().get(0).clockRate()).isEqualTo(90000);
        assertThat(consumableRtpParameters.codecs().get(0).parameters()).isEqualTo(params(
                "foo", 1234,
                "packetization-mode", 1,
                "profile-level-id", "4d0032"));

        assertThat(consumableRtpParameters.codecs().get(1).mimeType()).isEqualTo("video/rtx");
        assertThat(consumableRtpParameters.codecs().get(1).payloadType()).isEqualTo(102);
        assertThat(consumableRtpParameters.codecs().get(1).clockRate()).isEqualTo(90000);
        assertThat(consumableRtpParameters.codecs().get(1).parameters()).isEqualTo(params("apt", 101));

        assertThat(consumableRtpParameters.encodings().get(0)).isEqualTo(RtpEncodingParameters.builder()
                .ssrc(rtpMapping.encodings().get(0).mappedSsrc())
                .maxBitrate(111111)
                .scalabilityMode("L1T3")
                .build());
        assertThat(consumableRtpParameters.encodings().get(1)).isEqualTo(RtpEncodingParameters.builder()
                .ssrc(rtpMapping.encodings().get(1).mappedSsrc())
                .maxBitrate(222222)
                .scalabilityMode("L1T3")
                .build());
        assertThat(consumableRtpParameters.encodings().get(2)).isEqualTo(RtpEncodingParameters.builder()
                .ssrc(rtpMapping.encodings().get(2).mappedSsrc())
                .maxBitrate(333333)
                .scalabilityMode("L1T3")
                .build());

        assertThat(consumableRtpParameters.rtcp()).isEqualTo(new RtcpParameters(rtpParameters.rtcp().cname(), true));

        RtpCapabilities remoteRtpCapabilities = new RtpCapabilities(
                List.of(
                        RtpCodecCapability.builder()
                                .kind(AUDIO)
                                .mimeType("audio/opus")
                                .preferredPayloadType(100)
                                .clockRate(48000)
                                .channels(2)
                                .parameters(Map.of())
                                .rtcpFeedback(List.of())
                                .build(),
                        RtpCodecCapability.builder()
                                .kind(VIDEO)
                                .mimeType("video/H264")
                                .preferredPayloadType(101)
                                .clockRate(90000)
                                .parameters(params(
                                        "packetization-mode", 1,
                                        "profile-level-id", "4d0032",
                                        "baz", "LOLOLO"))
                                .rtcpFeedback(List.of(
                                        RtcpFeedback.of("nack", ""),
                                        RtcpFeedback.of("nack", "pli"),
                                        RtcpFeedback.of("foo", "FOO")))
                                .build(),
                        RtpCodecCapability.builder()
                                .kind(VIDEO)
                                .mimeType("video/rtx")
                                .preferredPayloadType(102)
                                .clockRate(90000)
                                .parameters(params("apt", 101))
                                .rtcpFeedback(List.of())
                                .build()),
                List.of(
                        new RtpHeaderExtension(AUDIO, RtpHeaderExtensionUri.MID, 1, SENDRECV),
                        new RtpHeaderExtension(VIDEO, RtpHeaderExtensionUri.MID, 1, SENDRECV),
                        new RtpHeaderExtension(VIDEO, RtpHeaderExtensionUri.RTP_STREAM_ID, 2, SENDRECV),
                        new RtpHeaderExtension(AUDIO, RtpHeaderExtensionUri.SSRC_AUDIO_LEVEL, 6, SENDRECV),
                        new RtpHeaderExtension(VIDEO, RtpHeaderExtensionUri.VIDEO_ORIENTATION, 8, SENDRECV),
                        new RtpHeaderExtension(VIDEO, RtpHeaderExtensionUri.TOFFSET, 9, SENDRECV)));

        RtpParameters consumerRtpParameters =
                Ortc.getConsumerRtpParameters(consumableRtpParameters, remoteRtpCapabilities, false, true);

        assertThat(consumerRtpParameters.codecs()).hasSize(2);
        assertThat(consumerRtpParameters.codecs().get(0)).isEqualTo(RtpCodecParameters.builder()
                .mimeType("video/H264")
                .payloadType(101)
                .clockRate(90000)
                .parameters(params(
                        "foo", 1234,
                        "packetization-mode", 1,
                        "profile-level-id", "4d0032"))
                .rtcpFeedback(List.of(
                        RtcpFeedback.of("nack", ""),
                        RtcpFeedback.of("nack", "pli"),
                        RtcpFeedback.of("foo", "FOO")))
                .build());
        assertThat(consumerRtpParameters.codecs().get(1)).isEqualTo(RtpCodecParameters.builder()
                .mimeType("video/rtx")
                .payloadType(102)
                .clockRate(90000)
                .parameters(params("apt", 101))
                .rtcpFeedback(List.of())
                .build());

        assertThat(consumerRtpParameters.encodings()).hasSize(1);
        assertThat(consumerRtpParameters.encodings().get(0).ssrc()).isNotNull();
        assertThat(consumerRtpParameters.encodings().get(0).rtx()).isNotNull();
        assertThat(consumerRtpParameters.encodings().get(0).rtx().ssrc()).isNotNull();
        assertThat(consumerRtpParameters.encodings().get(0).scalabilityMode()).isEqualTo("L3T3");
        assertThat(consumerRtpParameters.encodings().get(0).maxBitrate()).isEqualTo(333333);

        assertThat(consumerRtpParameters.headerExtensions()).containsExactly(
                new RtpHeaderExtensionParameters(RtpHeaderExtensionUri.MID.value(), 1, false, Map.of()),
                new RtpHeaderExtensionParameters(RtpHeaderExtensionUri.VIDEO_ORIENTATION.value(), 8, false, Map.of()),
                new RtpHeaderExtensionParameters(RtpHeaderExtensionUri.TOFFSET.value(), 9, false, Map.of()));

        assertThat(consumerRtpParameters.rtcp()).isEqualTo(new RtcpParameters(rtpParameters.rtcp().cname(), true));

        RtpParameters pipeConsumerRtpParameters = Ortc.getPipeConsumerRtpParameters(consumableRtpParameters, false);

        assertThat(pipeConsumerRtpParameters.codecs()).hasSize(1);
        assertThat(pipeConsumerRtpParameters.codecs().get(0)).isEqualTo(RtpCodecParameters.builder()
                .mimeType("video/H264")
                .payloadType(101)
                .clockRate(90000)
                .parameters(params(
                        "foo", 1234,
                        "packetization-mode", 1,
                        "profile-level-id", "4d0032"))
                .rtcpFeedback(List.of(RtcpFeedback.of("nack", "pli"), RtcpFeedback.of("ccm", "fir")))
                .build());

        assertThat(pipeConsumerRtpParameters.encodings()).hasSize(3);
        for (RtpEncodingParameters encoding : pipeConsumerRtpParameters.encodings()) {
            assertThat(encoding.ssrc()).isNotNull();
            assertThat(encoding.rtx()).isNull();
            assertThat(encoding.maxBitrate()).isNotNull();
            assertThat(encoding.scalabilityMode()).isEqualTo("L1T3");
        }

        assertThat(pipeConsumerRtpParameters.rtcp())
                .isEqualTo(new RtcpParameters(rtpParameters.rtcp().cname(), true));
    }

    @Test
    void getProducerRtpParametersMappingWithIncompatibleParamsThrowsUnsupportedError() {
        List<RtpCodecCapability> mediaCodecs = List.of(
                RtpCodecCapability.builder()
                        .kind(AUDIO)
                        .mimeType("audio/opus")
                        .clockRate(48000)
                        .channels(2)
                        .build(),
                RtpCodecCapability.builder()
                        .kind(VIDEO)
                        .mimeType("video/H264")
                        .clockRate(90000)
                        .parameters(params("packetization-mode", 1, "profile-level-id", "640032"))
                        .build());

        RtpCapabilities routerRtpCapabilities = Ortc.generateRouterRtpCapabilities(mediaCodecs);

        RtpParameters rtpParameters = RtpParameters.builder()
                .codecs(List.of(RtpCodecParameters.builder()
                        .mimeType("video/VP8")
                        .payloadType(120)
                        .clockRate(90000)
                        .rtcpFeedback(List.of(RtcpFeedback.of("nack", ""), RtcpFeedback.of("nack", "fir")))
                        .build()))
                .headerExtensions(List.of())
                .encodings(List.of(RtpEncodingParameters.ofSsrc(11111111L)))
                .rtcp(new RtcpParameters("qwerty1234", null))
                .build();

        assertThatThrownBy(() -> Ortc.getProducerRtpParametersMapping(rtpParameters, routerRtpCapabilities))
                .isInstanceOf(UnsupportedError.class);
    }

    /** An insertion-ordered map, like a JavaScript object literal. */
    static Map<String, Object> params(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
