package org.mscluster.mediasoup.ortc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.UnaryOperator;
import org.mscluster.mediasoup.errors.MediasoupException;
import org.mscluster.mediasoup.errors.TypeError;
import org.mscluster.mediasoup.errors.UnsupportedError;
import org.mscluster.mediasoup.rtp.MediaKind;
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
import org.mscluster.mediasoup.rtp.ScalabilityMode;
import org.mscluster.mediasoup.rtp.SupportedRtpCapabilities;
import org.mscluster.mediasoup.sctp.NumSctpStreams;
import org.mscluster.mediasoup.sctp.SctpCapabilities;
import org.mscluster.mediasoup.sctp.SctpStreamParameters;

/**
 * mediasoup's {@code ortc} module: validation of what endpoints send, and the RTP negotiation
 * between producers, the router and consumers. Same functions, rules, defaults and error messages
 * as mediasoup 3.27.1's {@code ortc.ts}.
 *
 * <p>Where Node's {@code validateAndNormalize…} functions fill defaults into their argument, these
 * return a normalized copy (the records are immutable) and leave the argument as it was; callers
 * must use the returned value. For the same reason {@link #getProducerRtpParametersMapping} returns
 * the producer parameters it adjusts beside the mapping. Type checks Node makes at run time
 * ({@code typeof x !== 'number'}) are done by the Java types; only absence is checked here.
 *
 * <p>Invalid input raises {@link TypeError}, codecs mediasoup cannot handle {@link UnsupportedError}.
 *
 * <p>Node's {@code serializeRtpMapping} is not here: it encodes {@link RtpCodecsEncodingsMapping} into
 * the worker's FlatBuffers produce request, which is the business of the code that builds that
 * request, not of the negotiation.
 */
public final class Ortc {

    /**
     * Payload types for codecs without a fixed one, in the order they are handed out: 100–127 first,
     * so that 96–99, which some endpoints hard-code, are used last.
     */
    private static final List<Integer> DYNAMIC_PAYLOAD_TYPES = List.of(
            100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111, 112, 113, 114,
            115, 116, 117, 118, 119, 120, 121, 122, 123, 124, 125, 126, 127, 96, 97, 98,
            99);


    private static final RtpCapabilities SUPPORTED_RTP_CAPABILITIES =
            validateAndNormalizeRtpCapabilities(SupportedRtpCapabilities.get());

    /**
     * The worker only receives the Dependency Descriptor extension (it is {@code recvonly}), so it
     * never appears in consumable parameters; pipe consumers must still forward it to the other
     * router, so they get it added. Node computes this on the first
     * {@code generateRouterRtpCapabilities()} call; it only depends on the supported capabilities, so
     * here it is computed once up front.
     */
    private static final RtpHeaderExtensionParameters DEPENDENCY_DESCRIPTOR_FOR_PIPE_CONSUMER =
            SUPPORTED_RTP_CAPABILITIES.headerExtensions().stream()
                    .filter(ext -> RtpHeaderExtensionUri.DEPENDENCY_DESCRIPTOR.value().equals(ext.uri())
                            && ext.direction() != RtpHeaderExtensionDirection.SENDRECV)
                    .findFirst()
                    .map(ext -> new RtpHeaderExtensionParameters(ext.uri(), ext.preferredId(),
                            ext.preferredEncrypt(), Map.of()))
                    .orElse(null);

    private Ortc() {
    }

    // ---------------------------------------------------------------------------------------------
    // Validation and normalization.
    // ---------------------------------------------------------------------------------------------

    /**
     * Validates RTP capabilities and returns them with defaults filled in: missing lists become
     * empty, and every codec and header extension is normalized.
     */
    public static RtpCapabilities validateAndNormalizeRtpCapabilities(RtpCapabilities caps) {
        if (caps == null) {
            throw new TypeError("caps is not an object");
        }
        List<RtpCodecCapability> codecs = normalizeAll(caps.codecs(), Ortc::validateAndNormalizeRtpCodecCapability);
        List<RtpHeaderExtension> headerExtensions =
                normalizeAll(caps.headerExtensions(), Ortc::validateAndNormalizeRtpHeaderExtension);
        if (codecs == caps.codecs() && headerExtensions == caps.headerExtensions()) {
            return caps;
        }
        return new RtpCapabilities(codecs, headerExtensions);
    }

    /**
     * Validates RTP parameters and returns them with defaults filled in: missing header extensions
     * and encodings become empty lists, missing RTCP parameters an empty object, and every part is
     * normalized.
     */
    public static RtpParameters validateAndNormalizeRtpParameters(RtpParameters params) {
        if (params == null) {
            throw new TypeError("params is not an object");
        }
        if (params.codecs() == null) {
            throw new TypeError("missing params.codecs");
        }
        List<RtpCodecParameters> codecs = normalizeAll(params.codecs(), Ortc::validateAndNormalizeRtpCodecParameters);
        List<RtpHeaderExtensionParameters> headerExtensions =
                normalizeAll(params.headerExtensions(), Ortc::validateAndNormalizeRtpHeaderExtensionParameters);
        List<RtpEncodingParameters> encodings =
                normalizeAll(params.encodings(), Ortc::validateAndNormalizeRtpEncodingParameters);
        RtcpParameters rtcp = validateAndNormalizeRtcpParameters(
                params.rtcp() != null ? params.rtcp() : RtcpParameters.empty());
        if (codecs == params.codecs() && headerExtensions == params.headerExtensions()
                && encodings == params.encodings() && rtcp == params.rtcp()) {
            return params;
        }
        return new RtpParameters(params.mid(), codecs, headerExtensions, encodings, rtcp, params.msid());
    }

    /**
     * Validates SCTP stream parameters and returns them with {@code ordered} filled in: true unless a
     * lifetime or retransmission limit is given, which only makes sense for unordered streams.
     */
    public static SctpStreamParameters validateAndNormalizeSctpStreamParameters(SctpStreamParameters params) {
        if (params == null) {
            throw new TypeError("params is not an object");
        }
        if (params.streamId() == null) {
            throw new TypeError("missing params.streamId");
        }
        boolean orderedGiven = params.ordered() != null;
        boolean ordered = orderedGiven ? params.ordered() : true;
        // As in Node, 0 counts as "not given".
        boolean lifetimeGiven = JsValues.truthy(params.maxPacketLifeTime());
        boolean retransmitsGiven = JsValues.truthy(params.maxRetransmits());
        if (lifetimeGiven && retransmitsGiven) {
            throw new TypeError("cannot provide both maxPacketLifeTime and maxRetransmits");
        }
        if (orderedGiven && ordered && (lifetimeGiven || retransmitsGiven)) {
            throw new TypeError("cannot be ordered with maxPacketLifeTime or maxRetransmits");
        } else if (!orderedGiven && (lifetimeGiven || retransmitsGiven)) {
            ordered = false;
        }
        return params.withOrdered(ordered);
    }

    /**
     * Validates an endpoint's SCTP capabilities (both stream counts are mandatory) and returns them
     * unchanged. Gone from mediasoup 3.27.1, whose transports no longer take stream counts, but kept
     * with the rules of earlier 3.x versions because clients still send these capabilities.
     */
    public static SctpCapabilities validateSctpCapabilities(SctpCapabilities caps) {
        if (caps == null) {
            throw new TypeError("caps is not an object");
        }
        if (caps.numStreams() == null) {
            throw new TypeError("missing caps.numStreams");
        }
        validateNumSctpStreams(caps.numStreams());
        return caps;
    }

    /** Validates SCTP stream counts ({@code OS} and {@code MIS} are mandatory) and returns them unchanged. */
    public static NumSctpStreams validateNumSctpStreams(NumSctpStreams numStreams) {
        if (numStreams == null) {
            throw new TypeError("numStreams is not an object");
        }
        if (numStreams.os() == null) {
            throw new TypeError("missing numStreams.OS");
        }
        if (numStreams.mis() == null) {
            throw new TypeError("missing numStreams.MIS");
        }
        return numStreams;
    }

    /**
     * Validates a codec capability (also a router's media codec, whose preferredPayloadType is
     * optional) and returns it normalized: {@code kind} taken from the mimeType, {@code channels}
     * defaulted to 1 for audio and dropped for video, missing parameters and feedback empty.
     */
    public static RtpCodecCapability validateAndNormalizeRtpCodecCapability(RtpCodecCapability codec) {
        if (codec == null) {
            throw new TypeError("codec is not an object");
        }
        MediaKind kind = kindOfMimeType(codec.mimeType());
        if (codec.clockRate() == null) {
            throw new TypeError("missing codec.clockRate");
        }
        Integer channels = normalizeChannels(kind, codec.channels());
        Map<String, Object> parameters = validateAndNormalizeCodecParameters(codec.parameters());
        List<RtcpFeedback> rtcpFeedback = normalizeAll(codec.rtcpFeedback(), Ortc::validateAndNormalizeRtcpFeedback);
        if (kind == codec.kind() && channels == codec.channels() && parameters == codec.parameters()
                && rtcpFeedback == codec.rtcpFeedback()) {
            return codec;
        }
        return new RtpCodecCapability(
                kind,
                codec.mimeType(),
                codec.preferredPayloadType(),
                codec.clockRate(),
                channels,
                parameters,
                rtcpFeedback);
    }

    static RtpCodecParameters validateAndNormalizeRtpCodecParameters(RtpCodecParameters codec) {
        if (codec == null) {
            throw new TypeError("codec is not an object");
        }
        MediaKind kind = kindOfMimeType(codec.mimeType());
        if (codec.payloadType() == null) {
            throw new TypeError("missing codec.payloadType");
        }
        if (codec.clockRate() == null) {
            throw new TypeError("missing codec.clockRate");
        }
        Integer channels = normalizeChannels(kind, codec.channels());
        Map<String, Object> parameters = validateAndNormalizeCodecParameters(codec.parameters());
        List<RtcpFeedback> rtcpFeedback = normalizeAll(codec.rtcpFeedback(), Ortc::validateAndNormalizeRtcpFeedback);
        if (channels == codec.channels() && parameters == codec.parameters() && rtcpFeedback == codec.rtcpFeedback()) {
            return codec;
        }
        return new RtpCodecParameters(
                codec.mimeType(),
                codec.payloadType(),
                codec.clockRate(),
                channels,
                parameters,
                rtcpFeedback);
    }

    static RtcpFeedback validateAndNormalizeRtcpFeedback(RtcpFeedback fb) {
        if (fb == null) {
            throw new TypeError("fb is not an object");
        }
        if (fb.type() == null || fb.type().isEmpty()) {
            throw new TypeError("missing fb.type");
        }
        return fb.parameter() == null ? new RtcpFeedback(fb.type(), "") : fb;
    }

    static RtpHeaderExtension validateAndNormalizeRtpHeaderExtension(RtpHeaderExtension ext) {
        if (ext == null) {
            throw new TypeError("ext is not an object");
        }
        if (ext.kind() == null) {
            throw new TypeError("invalid ext.kind");
        }
        if (ext.uri() == null || ext.uri().isEmpty()) {
            throw new TypeError("missing ext.uri");
        }
        if (ext.preferredId() == null) {
            throw new TypeError("missing ext.preferredId");
        }
        if (ext.preferredEncrypt() != null && ext.direction() != null) {
            return ext;
        }
        return new RtpHeaderExtension(
                ext.kind(),
                ext.uri(),
                ext.preferredId(),
                ext.preferredEncrypt() != null ? ext.preferredEncrypt() : Boolean.FALSE,
                ext.direction() != null ? ext.direction() : RtpHeaderExtensionDirection.SENDRECV);
    }

    static RtpHeaderExtensionParameters validateAndNormalizeRtpHeaderExtensionParameters(
            RtpHeaderExtensionParameters ext) {
        if (ext == null) {
            throw new TypeError("ext is not an object");
        }
        if (ext.uri() == null || ext.uri().isEmpty()) {
            throw new TypeError("missing ext.uri");
        }
        if (ext.id() == null) {
            throw new TypeError("missing ext.id");
        }
        Map<String, Object> parameters = ext.parameters() != null ? ext.parameters() : Map.of();
        for (Object value : parameters.values()) {
            if (!(value instanceof String) && !(value instanceof Number)) {
                throw new TypeError("invalid header extension parameter");
            }
        }
        if (ext.encrypt() != null && parameters == ext.parameters()) {
            return ext;
        }
        return new RtpHeaderExtensionParameters(
                ext.uri(),
                ext.id(),
                ext.encrypt() != null ? ext.encrypt() : Boolean.FALSE,
                parameters);
    }

    static RtpEncodingParameters validateAndNormalizeRtpEncodingParameters(RtpEncodingParameters encoding) {
        if (encoding == null) {
            throw new TypeError("encoding is not an object");
        }
        if (encoding.rtx() != null && encoding.rtx().ssrc() == null) {
            throw new TypeError("missing encoding.rtx.ssrc");
        }
        return encoding.dtx() != null ? encoding : encoding.toBuilder().dtx(false).build();
    }

    /** Reduced-size RTCP is the only kind mediasoup speaks, so {@code reducedSize} is forced to true. */
    static RtcpParameters validateAndNormalizeRtcpParameters(RtcpParameters rtcp) {
        if (rtcp == null) {
            throw new TypeError("rtcp is not an object");
        }
        return Boolean.TRUE.equals(rtcp.reducedSize()) ? rtcp : new RtcpParameters(rtcp.cname(), true);
    }

    // ---------------------------------------------------------------------------------------------
    // Negotiation.
    // ---------------------------------------------------------------------------------------------

    /**
     * The RTP capabilities of a router with the given media codecs: each codec completed from
     * mediasoup's supported list, given a payload type (its own, a fixed one or the next dynamic
     * one), followed by an RTX codec if it is video; all supported header extensions.
     *
     * @param mediaCodecs the router's media codecs; {@code null} for none
     * @throws UnsupportedError if a codec is not supported
     * @throws TypeError if a codec is invalid or two end up with the same payload type
     * @throws MediasoupException if the dynamic payload types run out
     */
    public static RtpCapabilities generateRouterRtpCapabilities(List<RtpCodecCapability> mediaCodecs) {
        LinkedList<Integer> dynamicPayloadTypes = new LinkedList<>(DYNAMIC_PAYLOAD_TYPES);
        List<RtpCodecCapability> codecs = new ArrayList<>();

        for (RtpCodecCapability givenCodec : orEmpty(mediaCodecs)) {
            RtpCodecCapability mediaCodec = validateAndNormalizeRtpCodecCapability(givenCodec);
            RtpCodecCapability supportedCodec = SUPPORTED_RTP_CAPABILITIES.codecs().stream()
                    .filter(candidate -> matchCodecs(mediaCodec, candidate, false))
                    .findFirst()
                    .orElseThrow(() -> new UnsupportedError(
                            "media codec not supported [mimeType:" + mediaCodec.mimeType() + "]"));

            int payloadType;
            if (mediaCodec.preferredPayloadType() != null) {
                payloadType = mediaCodec.preferredPayloadType();
                dynamicPayloadTypes.remove(Integer.valueOf(payloadType));
            } else if (supportedCodec.preferredPayloadType() != null) {
                // A static payload type (PCMU, PCMA, …), not taken from the dynamic range.
                payloadType = supportedCodec.preferredPayloadType();
            } else {
                payloadType = takeDynamicPayloadType(dynamicPayloadTypes);
            }
            if (codecs.stream().anyMatch(c -> c.preferredPayloadType() == payloadType)) {
                throw new TypeError("duplicated codec.preferredPayloadType");
            }

            // The router's parameters are mediasoup's, overridden and extended by the given ones.
            Map<String, Object> parameters = new LinkedHashMap<>(supportedCodec.parameters());
            parameters.putAll(mediaCodec.parameters());
            RtpCodecCapability codec = supportedCodec.toBuilder()
                    .preferredPayloadType(payloadType)
                    .parameters(parameters)
                    .build();
            codecs.add(codec);

            if (codec.kind() == MediaKind.VIDEO) {
                codecs.add(RtpCodecCapability.builder()
                        .kind(codec.kind())
                        .mimeType(codec.kind().value() + "/rtx")
                        .preferredPayloadType(takeDynamicPayloadType(dynamicPayloadTypes))
                        .clockRate(codec.clockRate())
                        .parameters(Map.of("apt", codec.preferredPayloadType()))
                        .rtcpFeedback(List.of())
                        .build());
            }
        }
        return new RtpCapabilities(codecs, SUPPORTED_RTP_CAPABILITIES.headerExtensions());
    }

    /**
     * Maps a producer's codecs onto the router's and its encodings onto fresh SSRCs (consecutive,
     * from a random base). Each media codec must match a router codec (strictly: H264 profile and
     * packetization mode, VP9 profile-id), each RTX codec must have a router RTX codec.
     *
     * <p>{@code params} should be normalized ({@link #validateAndNormalizeRtpParameters}). The result
     * also carries {@code params} with each H264 {@code profile-level-id} set to the answer to the
     * router's codec, which is what the worker and {@link #getConsumableRtpParameters} must be given.
     *
     * @throws UnsupportedError if a codec has no match in {@code caps}
     * @throws TypeError if an RTX codec has no media codec
     */
    public static ProducerRtpParametersMapping getProducerRtpParametersMapping(RtpParameters params,
            RtpCapabilities caps) {
        List<RtpCodecParameters> codecs = new ArrayList<>(params.codecs());
        RtpCodecCapability[] capCodecOf = new RtpCodecCapability[codecs.size()];
        // Node keeps a Map in insertion order, media codecs first, then RTX codecs.
        List<Integer> mappedOrder = new ArrayList<>();

        for (int i = 0; i < codecs.size(); i++) {
            RtpCodecParameters codec = codecs.get(i);
            if (isRtxCodec(codec.mimeType())) {
                continue;
            }
            RtpCodecCapability matchedCapCodec = null;
            List<RtpCodecCapability> capCodecList = orEmpty(caps.codecs());
            for (int capCodecIndex = 0; capCodecIndex < capCodecList.size(); capCodecIndex++) {
                RtpCodecCapability capCodec = capCodecList.get(capCodecIndex);
                if (matchCodecs(codec, capCodec, true)) {
                    matchedCapCodec = capCodec;
                    break;
                }
            }
            if (matchedCapCodec == null) {
                throw new UnsupportedError("unsupported codec [mimeType:" + codec.mimeType()
                        + ", payloadType:" + codec.payloadType() + "]");
            }
            codecs.set(i, answerCodec(codec, matchedCapCodec));
            capCodecOf[i] = matchedCapCodec;
            mappedOrder.add(i);
        }

        for (int i = 0; i < codecs.size(); i++) {
            RtpCodecParameters codec = codecs.get(i);
            if (!isRtxCodec(codec.mimeType())) {
                continue;
            }
            Object apt = orEmpty(codec.parameters()).get("apt");
            int associated = -1;
            for (int j = 0; j < codecs.size(); j++) {
                if (JsValues.strictEquals(codecs.get(j).payloadType(), apt)) {
                    associated = j;
                    break;
                }
            }
            if (associated < 0 || capCodecOf[associated] == null) {
                throw new TypeError("missing media codec found for RTX PT " + codec.payloadType());
            }
            RtpCodecCapability capMediaCodec = capCodecOf[associated];
            RtpCodecCapability associatedCapRtxCodec = rtxCodecFor(caps, capMediaCodec.preferredPayloadType());
            if (associatedCapRtxCodec == null) {
                throw new UnsupportedError("no RTX codec for capability codec PT " + capMediaCodec.preferredPayloadType());
            }
            capCodecOf[i] = associatedCapRtxCodec;
            mappedOrder.add(i);
        }

        List<RtpCodecsEncodingsMapping.CodecMapping> codecMappings = new ArrayList<>();
        for (int i : mappedOrder) {
            codecMappings.add(new RtpCodecsEncodingsMapping.CodecMapping(
                    codecs.get(i).payloadType(), capCodecOf[i].preferredPayloadType()));
        }

        List<RtpCodecsEncodingsMapping.EncodingMapping> encodingMappings = new ArrayList<>();
        long mappedSsrc = generateRandomNumber();
        List<RtpEncodingParameters> encodingList = orEmpty(params.encodings());
        for (int encodingIndex = 0; encodingIndex < encodingList.size(); encodingIndex++) {
            RtpEncodingParameters encoding = encodingList.get(encodingIndex);
            encodingMappings.add(new RtpCodecsEncodingsMapping.EncodingMapping(
                    encoding.ssrc(), encoding.rid(), mappedSsrc++));
        }

        return new ProducerRtpParametersMapping(
                params.withCodecs(codecs),
                new RtpCodecsEncodingsMapping(codecMappings, encodingMappings));
    }

    /**
     * The RTP parameters a producer offers to consumers inside the router: the router's codecs
     * (with the producer's codec parameters) and their RTX codecs, the router's header extensions
     * the worker can send for this kind, and the producer's encodings under their mapped SSRCs.
     *
     * @param params the producer parameters as returned in {@link ProducerRtpParametersMapping}
     */
    public static RtpParameters getConsumableRtpParameters(MediaKind kind, RtpParameters params,
            RtpCapabilities caps, RtpCodecsEncodingsMapping rtpMapping) {
        List<RtpCodecParameters> codecs = new ArrayList<>();
        List<RtpCodecParameters> codecList = params.codecs();
        for (int codecIndex = 0; codecIndex < codecList.size(); codecIndex++) {
            RtpCodecParameters codec = codecList.get(codecIndex);
            if (isRtxCodec(codec.mimeType())) {
                continue;
            }
            RtpCodecsEncodingsMapping.CodecMapping codecMapping = null;
            List<RtpCodecsEncodingsMapping.CodecMapping> entryList = rtpMapping.codecs();
            for (int entryIndex = 0; entryIndex < entryList.size(); entryIndex++) {
                RtpCodecsEncodingsMapping.CodecMapping entry = entryList.get(entryIndex);
                if (JsValues.strictEquals(entry.payloadType(), codec.payloadType())) {
                    codecMapping = entry;
                    break;
                }
            }
            if (codecMapping == null) {
                throw new TypeError("no mapping for codec PT " + codec.payloadType());
            }
            int consumableCodecPt = codecMapping.mappedPayloadType();
            RtpCodecCapability matchedCapCodec = capCodecWithPayloadType(caps, consumableCodecPt);
            RtpCodecParameters consumableCodec = new RtpCodecParameters(
                    matchedCapCodec.mimeType(),
                    matchedCapCodec.preferredPayloadType(),
                    matchedCapCodec.clockRate(),
                    matchedCapCodec.channels(),
                    // Keep the producer's codec parameters.
                    codec.parameters(),
                    matchedCapCodec.rtcpFeedback());
            codecs.add(consumableCodec);

            RtpCodecCapability capRtxCodec = rtxCodecFor(caps, consumableCodec.payloadType());
            if (capRtxCodec != null) {
                codecs.add(new RtpCodecParameters(
                        capRtxCodec.mimeType(),
                        capRtxCodec.preferredPayloadType(),
                        capRtxCodec.clockRate(),
                        null,
                        capRtxCodec.parameters(),
                        capRtxCodec.rtcpFeedback()));
            }
        }

        List<RtpHeaderExtensionParameters> headerExtensions = new ArrayList<>();
        List<RtpHeaderExtension> capExtList = orEmpty(caps.headerExtensions());
        for (int capExtIndex = 0; capExtIndex < capExtList.size(); capExtIndex++) {
            RtpHeaderExtension capExt = capExtList.get(capExtIndex);
            // Only extensions the worker can send belong in consumers.
            if (capExt.kind() != kind
                    || (capExt.direction() != RtpHeaderExtensionDirection.SENDRECV
                            && capExt.direction() != RtpHeaderExtensionDirection.SENDONLY)) {
                continue;
            }
            // abs-capture-time is proxied from this producer's packets only, so announcing it when the
            // producer did not negotiate it would make a producer built on a pipe consumer wait forever
            // for an extension that never arrives.
            if (RtpHeaderExtensionUri.ABS_CAPTURE_TIME.value().equals(capExt.uri())
                    && !hasExtension(orEmpty(params.headerExtensions()), capExt.uri())) {
                continue;
            }
            headerExtensions.add(new RtpHeaderExtensionParameters(
                    capExt.uri(), capExt.preferredId(), capExt.preferredEncrypt(), Map.of()));
        }

        List<RtpEncodingParameters> encodings = new ArrayList<>();
        List<RtpEncodingParameters> producerEncodings = orEmpty(params.encodings());
        for (int i = 0; i < producerEncodings.size(); i++) {
            RtpEncodingParameters encoding = producerEncodings.get(i);
            // Without rid, rtx and codecPayloadType, under the mapped SSRC.
            encodings.add(new RtpEncodingParameters(rtpMapping.encodings().get(i).mappedSsrc(), null, null, null,
                    encoding.dtx(), encoding.scalabilityMode(), encoding.scaleResolutionDownBy(), encoding.maxBitrate()));
        }

        RtcpParameters rtcp = new RtcpParameters(params.rtcp() != null ? params.rtcp().cname() : null, true);
        return new RtpParameters(null, codecs, headerExtensions, encodings, rtcp, params.msid());
    }

    /**
     * Whether an endpoint with the given capabilities can consume a producer: whether its first
     * codec that the capabilities support is a media (not RTX) codec.
     *
     * @throws TypeError if {@code caps} are invalid
     */
    public static boolean canConsume(RtpParameters consumableParams, RtpCapabilities caps) {
        RtpCapabilities normalizedCaps = validateAndNormalizeRtpCapabilities(caps);
        // Only the first codec the capabilities support decides.
        List<RtpCodecParameters> codecList = consumableParams.codecs();
        for (int codecIndex = 0; codecIndex < codecList.size(); codecIndex++) {
            RtpCodecParameters codec = codecList.get(codecIndex);
            List<RtpCodecCapability> capCodecList = normalizedCaps.codecs();
            for (int capCodecIndex = 0; capCodecIndex < capCodecList.size(); capCodecIndex++) {
                RtpCodecCapability capCodec = capCodecList.get(capCodecIndex);
                if (matchCodecs(capCodec, codec, true)) {
                    return !isRtxCodec(codec.mimeType());
                }
            }
        }
        return false;
    }

    /**
     * The RTP parameters of a consumer for an endpoint: the consumable codecs the endpoint supports
     * (with its RTCP feedback, RTX only if {@code enableRtx} and the endpoint has it), the header
     * extensions it knows under the same id, and feedback reduced to the bandwidth estimation in use
     * (transport-cc, else REMB with abs-send-time, else none).
     *
     * <p>Without {@code pipe} a consumer has a single encoding with a random SSRC: simulcast becomes
     * one stream whose scalabilityMode gives as many spatial layers as the producer has encodings,
     * with the highest maxBitrate of them. With {@code pipe} every encoding is kept.
     *
     * @param remoteRtpCapabilities the endpoint's capabilities, normalized
     *     ({@link #validateAndNormalizeRtpCapabilities}); codecs are normalized again here as in Node
     * @throws UnsupportedError if the endpoint supports no media codec of the producer
     */
    public static RtpParameters getConsumerRtpParameters(RtpParameters consumableRtpParameters,
            RtpCapabilities remoteRtpCapabilities, boolean pipe, boolean enableRtx) {
        List<RtpCodecCapability> remoteCodecs =
                normalizeAll(remoteRtpCapabilities.codecs(), Ortc::validateAndNormalizeRtpCodecCapability);

        // The header extensions the endpoint knows under the same id.
        List<RtpHeaderExtension> remoteHeaderExtensions = orEmpty(remoteRtpCapabilities.headerExtensions());
        List<RtpHeaderExtensionParameters> headerExtensions = new ArrayList<>();
        List<RtpHeaderExtensionParameters> extList = orEmpty(consumableRtpParameters.headerExtensions());
        for (int extIndex = 0; extIndex < extList.size(); extIndex++) {
            RtpHeaderExtensionParameters ext = extList.get(extIndex);
            for (int capExtIndex = 0; capExtIndex < remoteHeaderExtensions.size(); capExtIndex++) {
                RtpHeaderExtension capExt = remoteHeaderExtensions.get(capExtIndex);
                if (JsValues.strictEquals(capExt.preferredId(), ext.id()) && Objects.equals(capExt.uri(), ext.uri())) {
                    headerExtensions.add(ext);
                    break;
                }
            }
        }
        // Keep the feedback of one bandwidth estimation: Transport-CC if available, REMB otherwise.
        boolean keepTransportCc = hasExtension(headerExtensions, RtpHeaderExtensionUri.TRANSPORT_WIDE_CC_01.value());
        boolean keepRemb = !keepTransportCc && hasExtension(headerExtensions, RtpHeaderExtensionUri.ABS_SEND_TIME.value());

        List<RtpCodecParameters> codecs = new ArrayList<>();
        List<RtpCodecParameters> codecList = consumableRtpParameters.codecs();
        for (int codecIndex = 0; codecIndex < codecList.size(); codecIndex++) {
            RtpCodecParameters codec = codecList.get(codecIndex);
            if (!enableRtx && isRtxCodec(codec.mimeType())) {
                continue;
            }
            RtpCodecCapability matchedCapCodec = null;
            for (int capCodecIndex = 0; capCodecIndex < remoteCodecs.size(); capCodecIndex++) {
                RtpCodecCapability capCodec = remoteCodecs.get(capCodecIndex);
                if (matchCodecs(capCodec, codec, true)) {
                    matchedCapCodec = capCodec;
                    break;
                }
            }
            if (matchedCapCodec == null) {
                continue;
            }
            List<RtcpFeedback> rtcpFeedback = new ArrayList<>();
            List<RtcpFeedback> fbList = matchedCapCodec.rtcpFeedback();
            for (int fbIndex = 0; fbIndex < fbList.size(); fbIndex++) {
                RtcpFeedback fb = fbList.get(fbIndex);
                // Without RTX, plain NACK (retransmission requests) would be useless; NACK PLI stays.
                if (!enableRtx && "nack".equals(fb.type()) && !JsValues.truthy(fb.parameter())) {
                    continue;
                }
                if ((!keepTransportCc && "transport-cc".equals(fb.type())) || (!keepRemb && "goog-remb".equals(fb.type()))) {
                    continue;
                }
                rtcpFeedback.add(fb);
            }
            codecs.add(codec.withRtcpFeedback(rtcpFeedback));
        }

        // Drop RTX codecs whose media codec the endpoint does not take, from the last one back as Node
        // does (an RTX codec is checked against every codec but the RTX codecs after it that were
        // dropped). Marked, then removed at once: removing inside the loop made C2 deoptimize this method (loop_limit_check).
        boolean rtxSupported = false;
        int count = codecs.size();
        boolean[] dropped = new boolean[count];
        boolean anyDropped = false;
        for (int back = 0; back < count; back++) {
            int idx = count - 1 - back;
            RtpCodecParameters codec = codecs.get(idx);
            if (!isRtxCodec(codec.mimeType())) {
                continue;
            }
            Object apt = orEmpty(codec.parameters()).get("apt");
            boolean hasMediaCodec = false;
            for (int j = 0; j < count && !hasMediaCodec; j++) {
                hasMediaCodec = !dropped[j] && JsValues.strictEquals(codecs.get(j).payloadType(), apt);
            }
            if (hasMediaCodec) {
                rtxSupported = true;
            } else {
                dropped[idx] = true;
                anyDropped = true;
            }
        }
        if (anyDropped) {
            List<RtpCodecParameters> kept = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                if (!dropped[i]) {
                    kept.add(codecs.get(i));
                }
            }
            codecs = kept;
        }
        if (codecs.isEmpty() || isRtxCodec(codecs.get(0).mimeType())) {
            throw new UnsupportedError("no compatible media codecs");
        }

        List<RtpEncodingParameters> consumableEncodings = orEmpty(consumableRtpParameters.encodings());
        List<RtpEncodingParameters> encodings = new ArrayList<>();
        if (!pipe) {
            long ssrc = generateRandomNumber();
            RtpEncodingParameters.Builder encoding = RtpEncodingParameters.builder().ssrc(ssrc);
            if (rtxSupported) {
                encoding.rtxSsrc(ssrc + 1);
            }
            // Assume all encodings share the scalabilityMode of the first that has one.
            String scalabilityMode = null;
            for (int i = 0; i < consumableEncodings.size(); i++) {
                RtpEncodingParameters consumableEncoding = consumableEncodings.get(i);
                if (JsValues.truthy(consumableEncoding.scalabilityMode())) {
                    scalabilityMode = consumableEncoding.scalabilityMode();
                    break;
                }
            }
            // Simulcast streams become the spatial layers of the single consumer stream.
            if (consumableEncodings.size() > 1) {
                int temporalLayers = ScalabilityMode.parse(scalabilityMode).temporalLayers();
                scalabilityMode = "L" + consumableEncodings.size() + "T" + temporalLayers;
            }
            if (JsValues.truthy(scalabilityMode)) {
                encoding.scalabilityMode(scalabilityMode);
            }
            int maxEncodingMaxBitrate = 0;
            for (int i = 0; i < consumableEncodings.size(); i++) {
                RtpEncodingParameters consumableEncoding = consumableEncodings.get(i);
                Integer maxBitrate = consumableEncoding.maxBitrate();
                if (maxBitrate != null && maxBitrate > maxEncodingMaxBitrate) {
                    maxEncodingMaxBitrate = maxBitrate;
                }
            }
            if (maxEncodingMaxBitrate != 0) {
                encoding.maxBitrate(maxEncodingMaxBitrate);
            }
            encodings.add(encoding.build());
        } else {
            encodings.addAll(renumberEncodings(consumableEncodings, rtxSupported));
        }

        return new RtpParameters(null, codecs, headerExtensions, encodings, consumableRtpParameters.rtcp(),
                consumableRtpParameters.msid());
    }

    /**
     * The RTP parameters of a consumer on a pipe transport, which forwards a producer to another
     * router: every encoding under new SSRCs, no MID and no bandwidth estimation (the routers
     * are not congestion-controlled between them), only keyframe-request feedback, plus NACK and RTX
     * if {@code enableRtx}. Dependency Descriptor is added so that the other router gets it.
     */
    public static RtpParameters getPipeConsumerRtpParameters(RtpParameters consumableRtpParameters,
            boolean enableRtx) {
        List<RtpCodecParameters> codecs = new ArrayList<>();
        List<RtpCodecParameters> codecList = consumableRtpParameters.codecs();
        for (int codecIndex = 0; codecIndex < codecList.size(); codecIndex++) {
            RtpCodecParameters codec = codecList.get(codecIndex);
            if (!enableRtx && isRtxCodec(codec.mimeType())) {
                continue;
            }
            List<RtcpFeedback> rtcpFeedback = new ArrayList<>();
            List<RtcpFeedback> fbList = orEmpty(codec.rtcpFeedback());
            for (int fbIndex = 0; fbIndex < fbList.size(); fbIndex++) {
                RtcpFeedback fb = fbList.get(fbIndex);
                if (("nack".equals(fb.type()) && "pli".equals(fb.parameter()))
                        || ("ccm".equals(fb.type()) && "fir".equals(fb.parameter()))
                        || (enableRtx && "nack".equals(fb.type()) && !JsValues.truthy(fb.parameter()))) {
                    rtcpFeedback.add(fb);
                }
            }
            codecs.add(codec.withRtcpFeedback(rtcpFeedback));
        }

        List<RtpHeaderExtensionParameters> headerExtensions = new ArrayList<>();
        List<RtpHeaderExtensionParameters> extList = orEmpty(consumableRtpParameters.headerExtensions());
        for (int extIndex = 0; extIndex < extList.size(); extIndex++) {
            RtpHeaderExtensionParameters ext = extList.get(extIndex);
            if (!RtpHeaderExtensionUri.MID.value().equals(ext.uri())
                    && !RtpHeaderExtensionUri.ABS_SEND_TIME.value().equals(ext.uri())
                    && !RtpHeaderExtensionUri.TRANSPORT_WIDE_CC_01.value().equals(ext.uri())) {
                headerExtensions.add(ext);
            }
        }
        if (DEPENDENCY_DESCRIPTOR_FOR_PIPE_CONSUMER != null) {
            headerExtensions.add(DEPENDENCY_DESCRIPTOR_FOR_PIPE_CONSUMER);
            // Stable, as JavaScript's sort.
            headerExtensions.sort(Comparator.comparingInt(RtpHeaderExtensionParameters::id));
        }

        List<RtpEncodingParameters> encodings =
                renumberEncodings(orEmpty(consumableRtpParameters.encodings()), enableRtx);

        return new RtpParameters(null, codecs, headerExtensions, encodings, consumableRtpParameters.rtcp(),
                consumableRtpParameters.msid());
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers.
    // ---------------------------------------------------------------------------------------------

    private static boolean matchCodecs(RtpCodecCapability a, RtpCodecCapability b, boolean strict) {
        return matchCodecs(a.mimeType(), a.clockRate(), a.channels(), a.parameters(),
                b.mimeType(), b.clockRate(), b.channels(), b.parameters(), strict);
    }

    private static boolean matchCodecs(RtpCodecCapability a, RtpCodecParameters b, boolean strict) {
        return matchCodecs(a.mimeType(), a.clockRate(), a.channels(), a.parameters(),
                b.mimeType(), b.clockRate(), b.channels(), b.parameters(), strict);
    }

    private static boolean matchCodecs(RtpCodecParameters a, RtpCodecCapability b, boolean strict) {
        return matchCodecs(a.mimeType(), a.clockRate(), a.channels(), a.parameters(),
                b.mimeType(), b.clockRate(), b.channels(), b.parameters(), strict);
    }

    /**
     * Whether two codecs are the same: mimeType (case-insensitive), clock rate and channels, plus the
     * stream layout for multiopus; when {@code strict}, also the H264 packetization mode and a
     * compatible profile, and the VP9 profile-id. Takes the fields one by one, as capabilities and
     * parameters are different records: this runs for every pair of codecs compared in produce and
     * consume, and nothing is allocated.
     */
    @SuppressWarnings("checkstyle:ParameterNumber")
    private static boolean matchCodecs(String aMimeType, Integer aClockRate, Integer aChannels,
            Map<String, Object> aGivenParameters, String bMimeType, Integer bClockRate, Integer bChannels,
            Map<String, Object> bGivenParameters, boolean strict) {
        if (aMimeType == null || bMimeType == null) {
            return false;
        }
        if (!sameMimeType(aMimeType, bMimeType)) {
            return false;
        }
        if (!JsValues.strictEquals(aClockRate, bClockRate)) {
            return false;
        }
        if (!JsValues.strictEquals(aChannels, bChannels)) {
            return false;
        }
        Map<String, Object> aParameters = orEmpty(aGivenParameters);
        Map<String, Object> bParameters = orEmpty(bGivenParameters);
        // The names below have no letter that a non-ASCII one lower-cases to, so an ASCII comparison
        // gives the same answer as the lower-cased name would.
        if (asciiEqualsIgnoringCase(aMimeType, "audio/multiopus")) {
            if (!JsValues.strictEquals(aParameters.get("num_streams"), bParameters.get("num_streams"))) {
                return false;
            }
            if (!JsValues.strictEquals(aParameters.get("coupled_streams"), bParameters.get("coupled_streams"))) {
                return false;
            }
        } else if (asciiEqualsIgnoringCase(aMimeType, "video/h264")) {
            if (strict) {
                if (!JsValues.strictEquals(JsValues.orZero(aParameters.get("packetization-mode")),
                        JsValues.orZero(bParameters.get("packetization-mode")))) {
                    return false;
                }
                if (!H264ProfileLevelId.isSameProfile(aParameters, bParameters)) {
                    return false;
                }
                try {
                    H264ProfileLevelId.answer(aParameters, bParameters);
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
        } else if (asciiEqualsIgnoringCase(aMimeType, "video/vp9")) {
            if (strict && !JsValues.strictEquals(JsValues.orZero(aParameters.get("profile-id")),
                    JsValues.orZero(bParameters.get("profile-id")))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Node's {@code a.toLowerCase() === b.toLowerCase()}: compared character by character while both
     * are ASCII (what mime types are), else through the lower-cased strings.
     */
    static boolean sameMimeType(String a, String b) {
        if (isAscii(a) && isAscii(b)) {
            if (a.length() != b.length()) {
                return false;
            }
            for (int i = 0; i < a.length(); i++) {
                if (asciiLower(a.charAt(i)) != asciiLower(b.charAt(i))) {
                    return false;
                }
            }
            return true;
        }
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

    private static boolean isAscii(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) >= 0x80) {
                return false;
            }
        }
        return true;
    }

    private static char asciiLower(char c) {
        return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
    }

    /** Whether {@code text} is {@code lower}, ASCII letters of {@code text} in either case. */
    private static boolean asciiEqualsIgnoringCase(String text, String lower) {
        return text.length() == lower.length() && asciiIgnoringCase(text, 0, lower);
    }

    /**
     * A producer codec as strict matching with {@code modify} leaves it in Node: H264 gets the
     * profile-level-id answered against the router's codec, or none when neither side has one.
     */
    private static RtpCodecParameters answerCodec(RtpCodecParameters codec, RtpCodecCapability capCodec) {
        if (codec.mimeType() == null || !asciiEqualsIgnoringCase(codec.mimeType(), "video/h264")) {
            return codec;
        }
        Map<String, Object> parameters = new LinkedHashMap<>(orEmpty(codec.parameters()));
        String selectedProfileLevelId = H264ProfileLevelId.answer(parameters, orEmpty(capCodec.parameters()));
        if (selectedProfileLevelId != null) {
            parameters.put("profile-level-id", selectedProfileLevelId);
        } else {
            parameters.remove("profile-level-id");
        }
        return codec.withParameters(parameters);
    }

    private static RtpCodecCapability capCodecWithPayloadType(RtpCapabilities caps, int payloadType) {
        List<RtpCodecCapability> capCodecs = orEmpty(caps.codecs());
        for (int i = 0; i < capCodecs.size(); i++) {
            RtpCodecCapability capCodec = capCodecs.get(i);
            if (JsValues.strictEquals(capCodec.preferredPayloadType(), payloadType)) {
                return capCodec;
            }
        }
        throw new TypeError("no capability codec with PT " + payloadType);
    }

    /** The first RTX codec of {@code caps} for the media codec of payload type {@code apt}, or null. */
    private static RtpCodecCapability rtxCodecFor(RtpCapabilities caps, Integer apt) {
        List<RtpCodecCapability> capCodecs = orEmpty(caps.codecs());
        for (int i = 0; i < capCodecs.size(); i++) {
            RtpCodecCapability capCodec = capCodecs.get(i);
            if (isRtxCodec(capCodec.mimeType()) && JsValues.strictEquals(orEmpty(capCodec.parameters()).get("apt"), apt)) {
                return capCodec;
            }
        }
        return null;
    }

    /** Encodings under consecutive SSRCs from a random base, and RTX SSRCs likewise if {@code withRtx}. */
    private static List<RtpEncodingParameters> renumberEncodings(List<RtpEncodingParameters> encodings,
            boolean withRtx) {
        long baseSsrc = generateRandomNumber();
        long baseRtxSsrc = generateRandomNumber();
        List<RtpEncodingParameters> renumbered = new ArrayList<>();
        for (int i = 0; i < encodings.size(); i++) {
            renumbered.add(encodings.get(i).toBuilder()
                    .ssrc(baseSsrc + i)
                    .rtx(withRtx ? RtpEncodingParameters.Rtx.of(baseRtxSsrc + i) : null)
                    .build());
        }
        return renumbered;
    }

    private static boolean hasExtension(List<RtpHeaderExtensionParameters> headerExtensions, String uri) {
        for (int i = 0; i < headerExtensions.size(); i++) {
            if (uri.equals(headerExtensions.get(i).uri())) {
                return true;
            }
        }
        return false;
    }

    static MediaKind kindOfMimeType(String mimeType) {
        if (mimeType == null || mimeType.isEmpty()) {
            throw new TypeError("missing codec.mimeType");
        }
        // mediasoup's /^(audio|video)\/(.+)/i, without a regex: this runs for every codec of every produce and consume.
        if (mimeType.length() > 6 && mimeType.charAt(5) == '/' && !isLineTerminator(mimeType.charAt(6))) {
            if (asciiIgnoringCase(mimeType, 0, "audio")) {
                return MediaKind.AUDIO;
            }
            if (asciiIgnoringCase(mimeType, 0, "video")) {
                return MediaKind.VIDEO;
            }
        }
        throw new TypeError("invalid codec.mimeType");
    }

    /** Whether {@code text} has {@code lower} at {@code offset}, ASCII letters in either case (as a regex's CASE_INSENSITIVE). */
    private static boolean asciiIgnoringCase(String text, int offset, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            char c = text.charAt(offset + i);
            if (c != lower.charAt(i) && !(c >= 'A' && c <= 'Z' && (char) (c + 32) == lower.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** What a regex's {@code .} does not match. */
    private static boolean isLineTerminator(char c) {
        return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
    }

    private static Integer normalizeChannels(MediaKind kind, Integer channels) {
        if (kind == MediaKind.AUDIO) {
            return channels != null ? channels : 1;
        }
        return null;
    }

    /**
     * Strings and numbers only, and {@code apt} must be a number. A {@code null} value is rejected as
     * Node rejects a JSON {@code null}; Node's other case, {@code undefined} turned into {@code ""},
     * cannot come out of JSON.
     */
    private static Map<String, Object> validateAndNormalizeCodecParameters(Map<String, Object> parameters) {
        if (parameters == null) {
            return Map.of();
        }
        for (Map.Entry<String, Object> entry : parameters.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (!(value instanceof String) && !(value instanceof Number)) {
                // The stray "s" is in mediasoup's message too.
                throw new TypeError("invalid codec parameter [key:" + key + "s, value:" + value + "]");
            }
            if (key.equals("apt") && !(value instanceof Number)) {
                throw new TypeError("invalid codec apt parameter");
            }
        }
        return parameters;
    }

    /**
     * {@code normalize} applied to every element; {@code list} itself when every element came back as
     * it was (already normalized, so callers can return their argument unchanged), an empty list for
     * {@code null}.
     */
    private static <T> List<T> normalizeAll(List<T> list, UnaryOperator<T> normalize) {
        if (list == null) {
            return List.of();
        }
        List<T> normalized = null;
        for (int i = 0; i < list.size(); i++) {
            T element = list.get(i);
            T result = normalize.apply(element);
            if (normalized == null && result != element) {
                normalized = new ArrayList<>(list.size());
                normalized.addAll(list.subList(0, i));
            }
            if (normalized != null) {
                normalized.add(result);
            }
        }
        return normalized != null ? normalized : list;
    }

    private static int takeDynamicPayloadType(LinkedList<Integer> dynamicPayloadTypes) {
        if (dynamicPayloadTypes.isEmpty()) {
            throw new MediasoupException("cannot allocate more dynamic codec payload types");
        }
        return dynamicPayloadTypes.removeFirst();
    }

    /**
     * mediasoup's /.+\/rtx$/i, without a regex. Called for every codec in produce and consume, and
     * compiled into each of them: the common answer (no "/rtx" at the end) takes four character
     * reads. {@code c | 0x20} is {@code c} lower-cased for letters, and only the two cases of a
     * letter give the same result, as the regex's ASCII case-insensitivity.
     */
    static boolean isRtxCodec(String mimeType) {
        int length = mimeType == null ? 0 : mimeType.length();
        if (length < 5 || (mimeType.charAt(length - 1) | 0x20) != 'x' || (mimeType.charAt(length - 2) | 0x20) != 't'
                || (mimeType.charAt(length - 3) | 0x20) != 'r' || mimeType.charAt(length - 4) != '/') {
            return false;
        }
        return noLineTerminator(mimeType, length - 4);
    }

    /** Whether the first {@code end} characters of {@code text} all match a regex's {@code .}. */
    private static boolean noLineTerminator(String text, int end) {
        for (int i = 0; i < end; i++) {
            if (isLineTerminator(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A random SSRC base, in the range Node uses (nine digits, so consecutive SSRCs stay valid). */
    private static long generateRandomNumber() {
        return ThreadLocalRandom.current().nextLong(100_000_000L, 999_999_999L);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list != null ? list : List.of();
    }

    private static <V> Map<String, V> orEmpty(Map<String, V> map) {
        return map != null ? map : Map.of();
    }
}
