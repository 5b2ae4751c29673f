package org.mscluster.sdp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mscluster.mediasoup.rtp.RtcpFeedback;
import org.mscluster.mediasoup.rtp.RtcpParameters;
import org.mscluster.mediasoup.rtp.RtpCodecParameters;
import org.mscluster.mediasoup.rtp.RtpEncodingParameters;
import org.mscluster.mediasoup.rtp.RtpHeaderExtensionParameters;
import org.mscluster.mediasoup.rtp.RtpParameters;

/**
 * The RTP parameters a sending media section announces, as mediasoup-client's handlers build them
 * for {@code produce}: every codec of the section (with its fmtp parameters and RTCP feedback), the
 * header extensions, the encodings, the RTCP CNAME, the MID and the MSID.
 *
 * <p>Encodings: with {@code a=simulcast:send} and {@code a=rid} lines, one encoding per send stream
 * (its first RID); otherwise one per media SSRC (an {@code ssrc-group:SIM} gives the order), each
 * with the RTX SSRC its {@code ssrc-group:FID} pairs it with. A section with neither gets no
 * encoding, which the caller must treat as unusable.
 */
public final class RtpParametersReader {

    private RtpParametersReader() {
    }

    public static RtpParameters read(MediaSection section) {
        return RtpParameters.builder()
                .mid(section.mid().orElse(null))
                .codecs(codecs(section))
                .headerExtensions(section.extmaps().stream()
                        .map(extmap -> RtpHeaderExtensionParameters.of(extmap.uri(), extmap.id()))
                        .toList())
                .encodings(encodings(section))
                .rtcp(new RtcpParameters(cname(section), section.hasAttribute("rtcp-rsize")))
                .msid(msid(section))
                .build();
    }

    /** The section's codecs in format order: mime type {@code <kind>/<encoding>}, channels for audio only. */
    public static List<RtpCodecParameters> codecs(MediaSection section) {
        Map<Integer, Rtpmap> rtpmaps = new HashMap<>();
        section.rtpmaps().forEach(rtpmap -> rtpmaps.put(rtpmap.payloadType(), rtpmap));
        Map<Integer, Map<String, Object>> fmtps = new HashMap<>();
        section.fmtps().forEach(fmtp -> fmtps.put(fmtp.payloadType(), fmtp.parameters()));
        List<RtcpFb> feedback = section.rtcpFbs();
        boolean audio = "audio".equals(section.kind());

        List<RtpCodecParameters> codecs = new ArrayList<>();
        for (String format : section.formats()) {
            int payloadType;
            try {
                payloadType = Integer.parseInt(format);
            } catch (NumberFormatException e) {
                throw new SdpParseException("bad payload type '" + format + "' in m=" + section.kind());
            }
            Rtpmap rtpmap = rtpmaps.get(payloadType);
            if (rtpmap == null) {
                // Static payload types without rtpmap (0 PCMU, 8 PCMA, …) mediasoup does not take anyway.
                continue;
            }
            List<RtcpFeedback> rtcpFeedback = feedback.stream()
                    .filter(fb -> fb.appliesTo(payloadType))
                    .map(fb -> RtcpFeedback.of(fb.type(), fb.parameter()))
                    .toList();
            codecs.add(RtpCodecParameters.builder()
                    .mimeType(section.kind() + "/" + rtpmap.encoding())
                    .payloadType(payloadType)
                    .clockRate(rtpmap.clockRate())
                    .channels(audio ? (rtpmap.channels() == null ? 1 : rtpmap.channels()) : null)
                    .parameters(fmtps.getOrDefault(payloadType, Map.of()))
                    .rtcpFeedback(rtcpFeedback)
                    .build());
        }
        return codecs;
    }

    /** The encodings the section sends (see the class comment). */
    public static List<RtpEncodingParameters> encodings(MediaSection section) {
        List<String> sendRids = section.simulcast().map(Simulcast::sendRids).orElse(List.of());
        if (sendRids.isEmpty()) {
            sendRids = section.rids().stream().filter(rid -> "send".equals(rid.direction())).map(Rid::id).toList();
        }
        if (!sendRids.isEmpty()) {
            return sendRids.stream().map(RtpEncodingParameters::ofRid).toList();
        }

        Map<Long, Long> rtxOf = new HashMap<>();
        List<Long> simulcastOrder = new ArrayList<>();
        for (SsrcGroup group : section.ssrcGroups()) {
            if ("FID".equals(group.semantics()) && group.ssrcs().size() >= 2) {
                rtxOf.put(group.ssrcs().get(0), group.ssrcs().get(1));
            } else if ("SIM".equals(group.semantics())) {
                simulcastOrder = group.ssrcs();
            }
        }
        Set<Long> media = new LinkedHashSet<>(simulcastOrder);
        for (SsrcAttribute ssrc : section.ssrcs()) {
            if (!rtxOf.containsValue(ssrc.ssrc())) {
                media.add(ssrc.ssrc());
            }
        }
        List<RtpEncodingParameters> encodings = new ArrayList<>();
        for (long ssrc : media) {
            RtpEncodingParameters.Builder encoding = RtpEncodingParameters.builder().ssrc(ssrc);
            if (rtxOf.containsKey(ssrc)) {
                encoding.rtxSsrc(rtxOf.get(ssrc));
            }
            encodings.add(encoding.build());
        }
        return encodings;
    }

    static String cname(MediaSection section) {
        return section.ssrcs().stream()
                .filter(ssrc -> "cname".equals(ssrc.attribute()))
                .map(SsrcAttribute::value)
                .findFirst()
                .orElse(null);
    }

    static String msid(MediaSection section) {
        return section.attribute("msid").orElseGet(() -> section.ssrcs().stream()
                .filter(ssrc -> "msid".equals(ssrc.attribute()))
                .map(SsrcAttribute::value)
                .findFirst()
                .orElse(null));
    }
}
