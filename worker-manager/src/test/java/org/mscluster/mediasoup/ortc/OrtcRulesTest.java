package org.mscluster.mediasoup.ortc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mscluster.mediasoup.ortc.OrtcTest.params;
import static org.mscluster.mediasoup.rtp.MediaKind.AUDIO;
import static org.mscluster.mediasoup.rtp.MediaKind.VIDEO;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.errors.UnsupportedError;
import org.mscluster.mediasoup.rtp.RtcpFeedback;
import org.mscluster.mediasoup.rtp.RtcpParameters;
import org.mscluster.mediasoup.rtp.RtpCapabilities;
import org.mscluster.mediasoup.rtp.RtpCodecCapability;
import org.mscluster.mediasoup.rtp.RtpCodecParameters;
import org.mscluster.mediasoup.rtp.RtpEncodingParameters;
import org.mscluster.mediasoup.rtp.RtpHeaderExtension;
import org.mscluster.mediasoup.rtp.RtpHeaderExtensionDirection;
import org.mscluster.mediasoup.rtp.RtpHeaderExtensionParameters;
import org.mscluster.mediasoup.rtp.RtpHeaderExtensionUri;
import org.mscluster.mediasoup.rtp.RtpParameters;
import org.mscluster.mediasoup.rtp.SupportedRtpCapabilities;
import org.mscluster.mediasoup.sctp.NumSctpStreams;
import org.mscluster.mediasoup.sctp.SctpCapabilities;
import org.mscluster.mediasoup.sctp.SctpStreamParameters;

/**
 * ortc rules that test-ortc does not reach: defaults, error messages and the negotiation corners
 * (RTX off, bandwidth-estimation feedback, pipe consumers, H264 level answers). Expected values are
 * those mediasoup 3.27.1 produces for the same input.
 */
class OrtcRulesTest {

    private static final RtpCodecCapability OPUS = RtpCodecCapability.builder()
            .kind(AUDIO).mimeType("audio/opus").clockRate(48000).channels(2).build();
    private static final RtpCodecCapability VP8 = RtpCodecCapability.builder()
            .kind(VIDEO).mimeType("video/VP8").clockRate(90000).build();

    // --- validation -----------------------------------------------------------------------------

    @Test
    void capabilitiesGetMediasoupDefaults() {
        RtpCapabilities caps = new RtpCapabilities(
                List.of(RtpCodecCapability.builder()
                        .kind(VIDEO) // Overridden by the mimeType.
                        .mimeType("AUDIO/opus")
                        .preferredPayloadType(111)
                        .clockRate(48000)
                        .rtcpFeedback(List.of(RtcpFeedback.of("transport-cc")))
                        .build()),
                List.of(new RtpHeaderExtension(AUDIO, "urn:ietf:params:rtp-hdrext:sdes:mid", 1, null, null)));

        RtpCapabilities normalized = Ortc.validateAndNormalizeRtpCapabilities(caps);

        assertThat(normalized.codecs()).containsExactly(RtpCodecCapability.builder()
                .kind(AUDIO)
                .mimeType("AUDIO/opus")
                .preferredPayloadType(111)
                .clockRate(48000)
                .channels(1)
                .parameters(Map.of())
                .rtcpFeedback(List.of(RtcpFeedback.of("transport-cc", "")))
                .build());
        assertThat(normalized.headerExtensions()).containsExactly(new RtpHeaderExtension(
                AUDIO, "urn:ietf:params:rtp-hdrext:sdes:mid", 1, false, RtpHeaderExtensionDirection.SENDRECV));
        // The argument is left as it was.
        assertThat(caps.codecs().get(0).channels()).isNull();
        assertThat(Ortc.validateAndNormalizeRtpCapabilities(new RtpCapabilities(null, null)))
                .isEqualTo(new RtpCapabilities(List.of(), List.of()));
    }

    @Test
    void videoCodecsLoseChannels() {
        RtpCodecCapability codec = Ortc.validateAndNormalizeRtpCodecCapability(VP8.toBuilder().channels(2).build());

        assertThat(codec.channels()).isNull();
    }

    @Test
    void invalidCapabilitiesAreTypeErrors() {
        assertTypeError(() -> Ortc.validateAndNormalizeRtpCapabilities(null), "caps is not an object");
        assertTypeError(() -> capsWithCodec(OPUS.toBuilder().mimeType(null).build()), "missing codec.mimeType");
        assertTypeError(() -> capsWithCodec(OPUS.toBuilder().mimeType("opus").build()), "invalid codec.mimeType");
        assertTypeError(() -> capsWithCodec(OPUS.toBuilder().clockRate(null).build()), "missing codec.clockRate");
        assertTypeError(() -> capsWithCodec(OPUS.withParameters(params("foo", true))),
                "invalid codec parameter [key:foos, value:true]");
        assertTypeError(() -> capsWithCodec(OPUS.withParameters(params("foo", null))),
                "invalid codec parameter [key:foos, value:null]");
        assertTypeError(() -> capsWithCodec(OPUS.withParameters(params("apt", "100"))), "invalid codec apt parameter");
        assertTypeError(() -> capsWithCodec(OPUS.withRtcpFeedback(List.of(RtcpFeedback.of("")))), "missing fb.type");
        assertTypeError(() -> capsWithExtension(new RtpHeaderExtension(null, "urn:x", 1, null, null)), "invalid ext.kind");
        assertTypeError(() -> capsWithExtension(new RtpHeaderExtension(AUDIO, null, 1, null, null)), "missing ext.uri");
        assertTypeError(() -> capsWithExtension(new RtpHeaderExtension(AUDIO, "urn:x", null, null, null)),
                "missing ext.preferredId");
    }

    @Test
    void parametersGetMediasoupDefaults() {
        RtpParameters params = RtpParameters.builder()
                .codecs(List.of(RtpCodecParameters.builder()
                        .mimeType("audio/opus").payloadType(111).clockRate(48000).build()))
                .headerExtensions(List.of(RtpHeaderExtensionParameters.of(RtpHeaderExtensionUri.MID, 1)))
                .encodings(List.of(RtpEncodingParameters.ofSsrc(1111)))
                .rtcp(new RtcpParameters("cname", false))
                .build();

        RtpParameters normalized = Ortc.validateAndNormalizeRtpParameters(params);

        assertThat(normalized.codecs().get(0)).isEqualTo(RtpCodecParameters.builder()
                .mimeType("audio/opus").payloadType(111).clockRate(48000).channels(1)
                .parameters(Map.of()).rtcpFeedback(List.of()).build());
        assertThat(normalized.headerExtensions()).containsExactly(
                new RtpHeaderExtensionParameters(RtpHeaderExtensionUri.MID.value(), 1, false, Map.of()));
        assertThat(normalized.encodings()).containsExactly(RtpEncodingParameters.builder().ssrc(1111L).dtx(false).build());
        // mediasoup only does reduced-size RTCP.
        assertThat(normalized.rtcp()).isEqualTo(new RtcpParameters("cname", true));

        RtpParameters minimal = Ortc.validateAndNormalizeRtpParameters(RtpParameters.builder().codecs(List.of()).build());
        assertThat(minimal).isEqualTo(new RtpParameters(null, List.of(), List.of(), List.of(),
                new RtcpParameters(null, true), null));
    }

    /**
     * Normalizing what is already normalized (a router's capabilities, an endpoint's as the signaling
     * server keeps them after its own validation) returns the argument itself, without copying: consume
     * validates the same capabilities again for every consumer. The records are immutable, so this is
     * the same answer as a copy.
     */
    @Test
    void normalizedInputComesBackAsItIs() {
        RtpCapabilities router = Ortc.generateRouterRtpCapabilities(List.of(OPUS, VP8));
        assertThat(Ortc.validateAndNormalizeRtpCapabilities(router)).isSameAs(router);

        RtpCapabilities caps = Ortc.validateAndNormalizeRtpCapabilities(new RtpCapabilities(
                List.of(OPUS, VP8), List.of(new RtpHeaderExtension(AUDIO, "urn:ietf:params:rtp-hdrext:sdes:mid", 1, null, null))));
        assertThat(Ortc.validateAndNormalizeRtpCapabilities(caps)).isSameAs(caps);

        RtpParameters params = Ortc.validateAndNormalizeRtpParameters(RtpParameters.builder()
                .codecs(List.of(RtpCodecParameters.builder().mimeType("audio/opus").payloadType(111).clockRate(48000)
                        .rtcpFeedback(List.of(RtcpFeedback.of("transport-cc"))).build()))
                .headerExtensions(List.of(RtpHeaderExtensionParameters.of(RtpHeaderExtensionUri.MID, 1)))
                .encodings(List.of(RtpEncodingParameters.ofSsrc(1111)))
                .rtcp(new RtcpParameters("cname", false))
                .build());
        assertThat(Ortc.validateAndNormalizeRtpParameters(params)).isSameAs(params);
    }

    /**
     * What comes back as it is is only ever the argument: capabilities that differ from normalized ones
     * in any part (a new object, since the records are immutable) are normalized afresh, keeping the
     * parts that were already normalized, and never answered with an earlier result.
     */
    @Test
    void changedCapabilitiesAreNormalizedAfresh() {
        RtpCapabilities caps = Ortc.validateAndNormalizeRtpCapabilities(new RtpCapabilities(
                List.of(OPUS, VP8), List.of(new RtpHeaderExtension(AUDIO, "urn:ietf:params:rtp-hdrext:sdes:mid", 1, null, null))));
        assertThat(Ortc.validateAndNormalizeRtpCapabilities(caps)).isSameAs(caps);

        // The same capabilities with a second VP8 whose feedback and channels need normalizing.
        List<RtpCodecCapability> codecs = new ArrayList<>(caps.codecs());
        codecs.add(VP8.toBuilder().preferredPayloadType(120).channels(2)
                .rtcpFeedback(List.of(RtcpFeedback.of("nack"))).build());
        RtpCapabilities changed = new RtpCapabilities(codecs, caps.headerExtensions());

        RtpCapabilities normalized = Ortc.validateAndNormalizeRtpCapabilities(changed);

        assertThat(normalized).isNotSameAs(changed).isNotEqualTo(caps);
        assertThat(normalized.codecs()).hasSize(3);
        assertThat(normalized.codecs().subList(0, 2)).containsExactlyElementsOf(caps.codecs());
        assertThat(normalized.codecs().get(0)).isSameAs(caps.codecs().get(0));
        assertThat(normalized.codecs().get(2)).isEqualTo(VP8.toBuilder().preferredPayloadType(120)
                .parameters(Map.of()).rtcpFeedback(List.of(RtcpFeedback.of("nack", ""))).build());
        assertThat(normalized.headerExtensions()).singleElement().isSameAs(caps.headerExtensions().get(0));
        // The argument is left as it was.
        assertThat(changed.codecs().get(2).channels()).isEqualTo(2);

        // An invalid part is refused even when the rest was normalized before.
        codecs.set(2, VP8.toBuilder().clockRate(null).build());
        assertTypeError(() -> Ortc.validateAndNormalizeRtpCapabilities(new RtpCapabilities(codecs, caps.headerExtensions())),
                "missing codec.clockRate");
        // And the normalized capabilities still come back as they are.
        assertThat(Ortc.validateAndNormalizeRtpCapabilities(caps)).isSameAs(caps);
    }

    /** Node's {@code a.toLowerCase() === b.toLowerCase()}, including where Unicode case mapping differs from char by char. */
    @Test
    void mimeTypesCompareAsNodeLowerCasesThem() {
        assertThat(Ortc.sameMimeType("video/VP8", "VIDEO/vp8")).isTrue();
        assertThat(Ortc.sameMimeType("audio/opus", "audio/opus")).isTrue();
        assertThat(Ortc.sameMimeType("audio/opus", "audio/opu")).isFalse();
        assertThat(Ortc.sameMimeType("video/VP8", "video/VP9")).isFalse();
        // The Kelvin sign lower-cases to "k", in JavaScript too.
        assertThat(Ortc.sameMimeType("audio/\u212A", "audio/k")).isTrue();
        // Dotted capital I lower-cases to "i" plus a combining dot, so it is not "i" (equalsIgnoreCase would say it is).
        assertThat(Ortc.sameMimeType("audio/\u0130", "audio/i")).isFalse();
    }

    @Test
    void invalidParametersAreTypeErrors() {
        assertTypeError(() -> Ortc.validateAndNormalizeRtpParameters(null), "params is not an object");
        assertTypeError(() -> Ortc.validateAndNormalizeRtpParameters(RtpParameters.builder().build()),
                "missing params.codecs");
        assertTypeError(() -> Ortc.validateAndNormalizeRtpParameters(RtpParameters.builder()
                .codecs(List.of(RtpCodecParameters.builder().mimeType("audio/opus").clockRate(48000).build()))
                .build()), "missing codec.payloadType");
        assertTypeError(() -> Ortc.validateAndNormalizeRtpParameters(RtpParameters.builder()
                .codecs(List.of())
                .encodings(List.of(RtpEncodingParameters.builder().rtx(new RtpEncodingParameters.Rtx(null)).build()))
                .build()), "missing encoding.rtx.ssrc");
        assertTypeError(() -> Ortc.validateAndNormalizeRtpParameters(RtpParameters.builder()
                .codecs(List.of())
                .headerExtensions(List.of(new RtpHeaderExtensionParameters("urn:x", null, null, null)))
                .build()), "missing ext.id");
        assertTypeError(() -> Ortc.validateAndNormalizeRtpParameters(RtpParameters.builder()
                .codecs(List.of())
                .headerExtensions(List.of(new RtpHeaderExtensionParameters("urn:x", 3, null, params("a", true))))
                .build()), "invalid header extension parameter");
    }

    @ParameterizedTest(name = "ordered={0} maxPacketLifeTime={1} maxRetransmits={2}")
    @CsvSource(nullValues = "-", value = {
            // ordered, maxPacketLifeTime, maxRetransmits, resulting ordered or error
            "-,     -,   -,  true",
            "true,  -,   -,  true",
            "false, -,   -,  false",
            "-,     100, -,  false",
            "-,     -,   3,  false",
            "-,     0,   -,  true",
            "false, 100, -,  false",
            "true,  0,   0,  true",
            "true,  100, -,  cannot be ordered with maxPacketLifeTime or maxRetransmits",
            "true,  -,   3,  cannot be ordered with maxPacketLifeTime or maxRetransmits",
            "-,     100, 3,  cannot provide both maxPacketLifeTime and maxRetransmits",
    })
    void sctpStreamParametersFollowMediasoupRules(Boolean ordered, Integer maxPacketLifeTime, Integer maxRetransmits,
            String expected) {
        SctpStreamParameters params = new SctpStreamParameters(1, ordered, maxPacketLifeTime, maxRetransmits);

        if (expected.equals("true") || expected.equals("false")) {
            assertThat(Ortc.validateAndNormalizeSctpStreamParameters(params))
                    .isEqualTo(new SctpStreamParameters(1, Boolean.valueOf(expected), maxPacketLifeTime, maxRetransmits));
        } else {
            assertTypeError(() -> Ortc.validateAndNormalizeSctpStreamParameters(params), expected);
        }
    }

    @Test
    void sctpStreamIdIsMandatory() {
        assertTypeError(() -> Ortc.validateAndNormalizeSctpStreamParameters(null), "params is not an object");
        assertTypeError(() -> Ortc.validateAndNormalizeSctpStreamParameters(new SctpStreamParameters(null, true, null, null)),
                "missing params.streamId");
    }

    @Test
    void sctpCapabilitiesNeedBothStreamCounts() {
        SctpCapabilities caps = new SctpCapabilities(NumSctpStreams.of(1024, 1024));

        assertThat(Ortc.validateSctpCapabilities(caps)).isSameAs(caps);
        assertTypeError(() -> Ortc.validateSctpCapabilities(null), "caps is not an object");
        assertTypeError(() -> Ortc.validateSctpCapabilities(new SctpCapabilities(null)), "missing caps.numStreams");
        assertTypeError(() -> Ortc.validateSctpCapabilities(new SctpCapabilities(new NumSctpStreams(null, 1))),
                "missing numStreams.OS");
        assertTypeError(() -> Ortc.validateSctpCapabilities(new SctpCapabilities(new NumSctpStreams(1, null))),
                "missing numStreams.MIS");
    }

    // --- router capabilities --------------------------------------------------------------------

    @Test
    void routerWithoutCodecsHasAllHeaderExtensions() {
        RtpCapabilities caps = Ortc.generateRouterRtpCapabilities(null);

        assertThat(caps.codecs()).isEmpty();
        assertThat(caps.headerExtensions()).hasSameSizeAs(SupportedRtpCapabilities.get().headerExtensions());
        assertThat(caps.headerExtensions()).allSatisfy(ext -> {
            assertThat(ext.preferredEncrypt()).isFalse();
            assertThat(ext.direction()).isNotNull();
        });
    }

    @Test
    void staticPayloadTypesAreKeptAndDuplicatesRejected() {
        RtpCodecCapability pcmu = RtpCodecCapability.builder().kind(AUDIO).mimeType("audio/PCMU").clockRate(8000).build();

        RtpCapabilities caps = Ortc.generateRouterRtpCapabilities(List.of(pcmu, OPUS));

        assertThat(caps.codecs()).extracting(RtpCodecCapability::preferredPayloadType).containsExactly(0, 100);
        assertTypeError(() -> Ortc.generateRouterRtpCapabilities(List.of(OPUS, VP8.withPreferredPayloadType(100))),
                "duplicated codec.preferredPayloadType");
        assertThatThrownBy(() -> Ortc.generateRouterRtpCapabilities(List.of(OPUS.toBuilder().mimeType("audio/chicken").build())))
                .isInstanceOf(UnsupportedError.class)
                .hasMessage("media codec not supported [mimeType:audio/chicken]");
    }

    @Test
    void multiopusNeedsTheSameStreamLayout() {
        RtpCodecCapability surround = RtpCodecCapability.builder()
                .kind(AUDIO).mimeType("audio/multiopus").clockRate(48000).channels(6)
                .parameters(params("num_streams", 4, "coupled_streams", 2))
                .build();

        RtpCapabilities caps = Ortc.generateRouterRtpCapabilities(List.of(surround));

        assertThat(caps.codecs().get(0).parameters())
                .isEqualTo(params("channel_mapping", "0,4,1,2,3,5", "num_streams", 4, "coupled_streams", 2));
        // "4" (a string) is not 4, as in JavaScript.
        assertThatThrownBy(() -> Ortc.generateRouterRtpCapabilities(List.of(
                surround.withParameters(params("num_streams", "4", "coupled_streams", 2)))))
                .isInstanceOf(UnsupportedError.class);
    }

    // --- producers --------------------------------------------------------------------------------

    @Test
    void h264ProducerGetsTheAnsweredProfileLevelId() {
        RtpCapabilities router = Ortc.generateRouterRtpCapabilities(List.of(RtpCodecCapability.builder()
                .kind(VIDEO).mimeType("video/H264").clockRate(90000)
                .parameters(params("packetization-mode", 1, "profile-level-id", "42e01f", "level-asymmetry-allowed", 1))
                .build()));

        // Level 5.2 offered without level asymmetry: the answer caps it at the router's 3.1.
        assertThat(answeredProducerParameters(router, params("packetization-mode", 1, "profile-level-id", "42e034")))
                .isEqualTo(params("packetization-mode", 1, "profile-level-id", "42e01f"));
        // No profile-level-id means the default one, answered explicitly.
        assertThat(answeredProducerParameters(router, params("packetization-mode", 1)))
                .isEqualTo(params("packetization-mode", 1, "profile-level-id", "42e01f"));
        // With level asymmetry on both sides the producer keeps its level.
        assertThat(answeredProducerParameters(router,
                params("packetization-mode", 1, "profile-level-id", "42e034", "level-asymmetry-allowed", 1)))
                .isEqualTo(params("packetization-mode", 1, "profile-level-id", "42e034", "level-asymmetry-allowed", 1));
        // Another packetization mode or profile does not match.
        assertThatThrownBy(() -> answeredProducerParameters(router, params("profile-level-id", "42e01f")))
                .isInstanceOf(UnsupportedError.class)
                .hasMessage("unsupported codec [mimeType:video/H264, payloadType:107]");
        assertThatThrownBy(() -> answeredProducerParameters(router,
                params("packetization-mode", 1, "profile-level-id", "640c1f")))
                .isInstanceOf(UnsupportedError.class);
    }

    @Test
    void rtxWithoutItsMediaCodecIsATypeError() {
        RtpCapabilities router = Ortc.generateRouterRtpCapabilities(List.of(VP8));
        RtpParameters params = Ortc.validateAndNormalizeRtpParameters(RtpParameters.builder()
                .codecs(List.of(
                        RtpCodecParameters.builder().mimeType("video/VP8").payloadType(96).clockRate(90000).build(),
                        RtpCodecParameters.builder().mimeType("video/rtx").payloadType(97).clockRate(90000)
                                .parameters(params("apt", 55)).build()))
                .encodings(List.of(RtpEncodingParameters.ofSsrc(1)))
                .build());

        assertTypeError(() -> Ortc.getProducerRtpParametersMapping(params, router), "missing media codec found for RTX PT 97");
    }

    @Test
    void mappedSsrcsAreConsecutive() {
        RtpCapabilities router = Ortc.generateRouterRtpCapabilities(List.of(VP8));

        RtpCodecsEncodingsMapping mapping = Ortc.getProducerRtpParametersMapping(
                vp8Producer(List.of(RtpEncodingParameters.ofRid("r0"), RtpEncodingParameters.ofRid("r1"))), router)
                .rtpMapping();

        long first = mapping.encodings().get(0).mappedSsrc();
        assertThat(first).isBetween(100_000_000L, 999_999_999L);
        assertThat(mapping.encodings().get(1).mappedSsrc()).isEqualTo(first + 1);
    }

    @Test
    void absCaptureTimeIsOnlyOfferedToConsumersWhenTheProducerHasIt() {
        RtpCapabilities router = Ortc.generateRouterRtpCapabilities(List.of(OPUS));
        RtpParameters without = Ortc.validateAndNormalizeRtpParameters(RtpParameters.builder()
                .codecs(List.of(RtpCodecParameters.builder().mimeType("audio/opus").payloadType(111).clockRate(48000)
                        .channels(2).build()))
                .encodings(List.of(RtpEncodingParameters.ofSsrc(1)))
                .build());
        RtpParameters with = without.toBuilder()
                .headerExtensions(List.of(RtpHeaderExtensionParameters.of(RtpHeaderExtensionUri.ABS_CAPTURE_TIME, 3)))
                .build();

        assertThat(consumableExtensionIds(AUDIO, without, router)).containsExactly(1, 4, 6, 11, 12);
        assertThat(consumableExtensionIds(AUDIO, with, router)).containsExactly(1, 4, 6, 10, 11, 12);
    }

    // --- consumers --------------------------------------------------------------------------------

    @Test
    void canConsumeNeedsAMediaCodec() {
        RtpCapabilities router = Ortc.generateRouterRtpCapabilities(List.of(OPUS, VP8));
        RtpParameters consumable = consumable(router, vp8Producer(List.of(RtpEncodingParameters.ofSsrc(1))));

        assertThat(Ortc.canConsume(consumable, router)).isTrue();
        assertThat(Ortc.canConsume(consumable, Ortc.generateRouterRtpCapabilities(List.of(OPUS)))).isFalse();
        assertThat(Ortc.canConsume(consumable, new RtpCapabilities(null, null))).isFalse();
        assertTypeError(() -> Ortc.canConsume(consumable, null), "caps is not an object");
    }

    @Test
    void withoutRtxConsumersLoseRtxAndPlainNack() {
        RtpCapabilities router = Ortc.generateRouterRtpCapabilities(List.of(VP8));
        RtpParameters consumable = consumable(router, vp8Producer(List.of(RtpEncodingParameters.ofSsrc(1))));

        RtpParameters consumer = Ortc.getConsumerRtpParameters(consumable, router, false, false);

        assertThat(consumer.codecs()).extracting(RtpCodecParameters::mimeType).containsExactly("video/VP8");
        // transport-cc wins over REMB since the router offers transport-wide-cc.
        assertThat(consumer.codecs().get(0).rtcpFeedback()).containsExactly(
                RtcpFeedback.of("nack", "pli"), RtcpFeedback.of("ccm", "fir"), RtcpFeedback.of("transport-cc", ""));
        assertThat(consumer.encodings()).hasSize(1);
        assertThat(consumer.encodings().get(0).rtx()).isNull();
        assertThat(consumer.encodings().get(0).scalabilityMode()).isNull();
        assertThat(consumer.mid()).isNull();

        RtpParameters withRtx = Ortc.getConsumerRtpParameters(consumable, router, false, true);
        RtpEncodingParameters encoding = withRtx.encodings().get(0);
        assertThat(encoding.rtx().ssrc()).isEqualTo(encoding.ssrc() + 1);
    }

    @Test
    void feedbackFollowsTheBandwidthEstimationInUse() {
        RtpCapabilities router = Ortc.generateRouterRtpCapabilities(List.of(VP8));
        RtpParameters consumable = consumable(router, vp8Producer(List.of(RtpEncodingParameters.ofSsrc(1))));

        RtpCapabilities absSendTimeOnly = new RtpCapabilities(router.codecs(), List.of(
                new RtpHeaderExtension(VIDEO, RtpHeaderExtensionUri.ABS_SEND_TIME, 4, RtpHeaderExtensionDirection.SENDRECV)));
        assertThat(feedbackTypes(Ortc.getConsumerRtpParameters(consumable, absSendTimeOnly, false, true)))
                .containsExactly("nack", "nack", "ccm", "goog-remb");

        RtpCapabilities noExtensions = new RtpCapabilities(router.codecs(), List.of());
        assertThat(feedbackTypes(Ortc.getConsumerRtpParameters(consumable, noExtensions, false, true)))
                .containsExactly("nack", "nack", "ccm");
    }

    @Test
    void noCommonCodecIsUnsupported() {
        RtpCapabilities router = Ortc.generateRouterRtpCapabilities(List.of(OPUS, VP8));
        RtpParameters consumable = consumable(router, vp8Producer(List.of(RtpEncodingParameters.ofSsrc(1))));

        assertThatThrownBy(() -> Ortc.getConsumerRtpParameters(consumable,
                Ortc.generateRouterRtpCapabilities(List.of(OPUS)), false, true))
                .isInstanceOf(UnsupportedError.class)
                .hasMessage("no compatible media codecs");
    }

    @Test
    void simulcastBecomesSpatialLayersUnlessPiped() {
        RtpCapabilities router = Ortc.generateRouterRtpCapabilities(List.of(VP8));
        List<RtpEncodingParameters> simulcast = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            simulcast.add(RtpEncodingParameters.builder().rid("r" + i).scalabilityMode("L1T2").maxBitrate(100_000 * (i + 1))
                    .build());
        }
        RtpParameters consumable = consumable(router, vp8Producer(simulcast));

        RtpParameters consumer = Ortc.getConsumerRtpParameters(consumable, router, false, true);
        assertThat(consumer.encodings()).hasSize(1);
        assertThat(consumer.encodings().get(0).scalabilityMode()).isEqualTo("L3T2");
        assertThat(consumer.encodings().get(0).maxBitrate()).isEqualTo(300_000);

        RtpParameters piped = Ortc.getConsumerRtpParameters(consumable, router, true, true);
        assertThat(piped.encodings()).hasSize(3);
        long base = piped.encodings().get(0).ssrc();
        long rtxBase = piped.encodings().get(0).rtx().ssrc();
        for (int i = 0; i < 3; i++) {
            assertThat(piped.encodings().get(i).ssrc()).isEqualTo(base + i);
            assertThat(piped.encodings().get(i).rtx().ssrc()).isEqualTo(rtxBase + i);
            assertThat(piped.encodings().get(i).scalabilityMode()).isEqualTo("L1T2");
        }
    }

    @Test
    void pipeConsumersDropBandwidthEstimationAndGainDependencyDescriptor() {
        RtpCapabilities router = Ortc.generateRouterRtpCapabilities(List.of(VP8));
        RtpParameters consumable = consumable(router, vp8Producer(List.of(RtpEncodingParameters.ofSsrc(1))));

        RtpParameters pipe = Ortc.getPipeConsumerRtpParameters(consumable, true);

        assertThat(pipe.headerExtensions()).extracting(RtpHeaderExtensionParameters::uri).containsExactly(
                RtpHeaderExtensionUri.DEPENDENCY_DESCRIPTOR.value(),
                RtpHeaderExtensionUri.VIDEO_ORIENTATION.value(),
                RtpHeaderExtensionUri.TOFFSET.value(),
                RtpHeaderExtensionUri.PLAYOUT_DELAY.value(),
                RtpHeaderExtensionUri.MEDIASOUP_PACKET_ID.value());
        assertThat(pipe.headerExtensions().get(0))
                .isEqualTo(new RtpHeaderExtensionParameters(RtpHeaderExtensionUri.DEPENDENCY_DESCRIPTOR.value(), 7, false,
                        Map.of()));
        assertThat(pipe.codecs()).extracting(RtpCodecParameters::mimeType).containsExactly("video/VP8", "video/rtx");
        assertThat(pipe.codecs().get(0).rtcpFeedback()).containsExactly(
                RtcpFeedback.of("nack", ""), RtcpFeedback.of("nack", "pli"), RtcpFeedback.of("ccm", "fir"));
        assertThat(pipe.encodings().get(0).rtx()).isNotNull();
    }

    // --- helpers ----------------------------------------------------------------------------------

    private static RtpParameters vp8Producer(List<RtpEncodingParameters> encodings) {
        return Ortc.validateAndNormalizeRtpParameters(RtpParameters.builder()
                .codecs(List.of(
                        RtpCodecParameters.builder().mimeType("video/VP8").payloadType(96).clockRate(90000).build(),
                        RtpCodecParameters.builder().mimeType("video/rtx").payloadType(97).clockRate(90000)
                                .parameters(params("apt", 96)).build()))
                .encodings(encodings)
                .rtcp(new RtcpParameters("cname", null))
                .build());
    }

    private static RtpParameters consumable(RtpCapabilities router, RtpParameters producer) {
        ProducerRtpParametersMapping mapping = Ortc.getProducerRtpParametersMapping(producer, router);
        return Ortc.getConsumableRtpParameters(VIDEO, mapping.rtpParameters(), router, mapping.rtpMapping());
    }

    private static Map<String, Object> answeredProducerParameters(RtpCapabilities router, Map<String, Object> parameters) {
        RtpParameters params = Ortc.validateAndNormalizeRtpParameters(RtpParameters.builder()
                .codecs(List.of(RtpCodecParameters.builder().mimeType("video/H264").payloadType(107).clockRate(90000)
                        .parameters(parameters).build()))
                .encodings(List.of(RtpEncodingParameters.ofSsrc(1)))
                .build());
        ProducerRtpParametersMapping mapping = Ortc.getProducerRtpParametersMapping(params, router);
        assertThat(mapping.rtpMapping().codecs()).containsExactly(new RtpCodecsEncodingsMapping.CodecMapping(107, 100));
        // The consumable parameters carry the answered parameters as well.
        RtpParameters consumable =
                Ortc.getConsumableRtpParameters(VIDEO, mapping.rtpParameters(), router, mapping.rtpMapping());
        assertThat(consumable.codecs().get(0).parameters()).isEqualTo(mapping.rtpParameters().codecs().get(0).parameters());
        return mapping.rtpParameters().codecs().get(0).parameters();
    }

    private static List<Integer> consumableExtensionIds(org.mscluster.mediasoup.rtp.MediaKind kind, RtpParameters producer,
            RtpCapabilities router) {
        ProducerRtpParametersMapping mapping = Ortc.getProducerRtpParametersMapping(producer, router);
        return Ortc.getConsumableRtpParameters(kind, mapping.rtpParameters(), router, mapping.rtpMapping())
                .headerExtensions().stream().map(RtpHeaderExtensionParameters::id).toList();
    }

    private static List<String> feedbackTypes(RtpParameters consumer) {
        return consumer.codecs().get(0).rtcpFeedback().stream().map(RtcpFeedback::type).toList();
    }

    private static void capsWithCodec(RtpCodecCapability codec) {
        Ortc.validateAndNormalizeRtpCapabilities(new RtpCapabilities(List.of(codec), null));
    }

    private static void capsWithExtension(RtpHeaderExtension ext) {
        Ortc.validateAndNormalizeRtpCapabilities(new RtpCapabilities(null, List.of(ext)));
    }

    private static void assertTypeError(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(TypeError.class).hasMessage(message);
    }

    /** The mime type rules are mediasoup's regexes, /^(audio|video)\/(.+)/i and /.+\/rtx$/i, checked by hand. */
    @ParameterizedTest
    @CsvSource({"audio/opus,AUDIO", "AUDIO/opus,AUDIO", "Video/VP8,VIDEO", "video/x,VIDEO", "video/rtx,VIDEO"})
    void theKindOfAMimeTypeIsItsPrefixInAnyCase(String mimeType, String kind) {
        assertThat(Ortc.kindOfMimeType(mimeType).name()).isEqualTo(kind);
    }

    @ParameterizedTest
    @CsvSource({"audio/", "audio", "audiox/opus", "text/plain", "xaudio/opus", "'audio/\nopus'", "aud\u0131o/opus"})
    void aMimeTypeWithoutAKindPrefixIsRefused(String mimeType) {
        String value = mimeType.replace("\\n", "\n").replace("\\u0131", "\u0131");
        assertThatThrownBy(() -> Ortc.kindOfMimeType(value)).isInstanceOf(TypeError.class).hasMessage("invalid codec.mimeType");
    }

    @Test
    void rtxIsAnyTypeEndingInSlashRtxInAnyCase() {
        assertThat(Ortc.isRtxCodec("video/rtx")).isTrue();
        assertThat(Ortc.isRtxCodec("video/RTX")).isTrue();
        assertThat(Ortc.isRtxCodec("a/Rtx")).isTrue();
        assertThat(Ortc.isRtxCodec("/rtx")).isFalse();
        assertThat(Ortc.isRtxCodec("video/rtx2")).isFalse();
        assertThat(Ortc.isRtxCodec("video/vp8")).isFalse();
        assertThat(Ortc.isRtxCodec("vid\neo/rtx")).isFalse();
        assertThat(Ortc.isRtxCodec(null)).isFalse();
        assertThat(Ortc.isRtxCodec("video/rTx")).isTrue();
        assertThat(Ortc.isRtxCodec("video\\rtx")).isFalse();
        assertThat(Ortc.isRtxCodec("video/r\u0165x")).isFalse(); // t with caron: not an ASCII letter
        assertThat(Ortc.isRtxCodec("video/rt\u0058")).isTrue(); // X
        assertThat(Ortc.isRtxCodec("video/rt8")).isFalse();
    }
}
