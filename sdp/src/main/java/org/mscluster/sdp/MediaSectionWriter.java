package org.mscluster.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.mscluster.mediasoup.rtp.RtcpFeedback;
import org.mscluster.mediasoup.rtp.RtpCodecParameters;
import org.mscluster.mediasoup.rtp.RtpEncodingParameters;
import org.mscluster.mediasoup.rtp.RtpHeaderExtensionParameters;
import org.mscluster.mediasoup.rtp.RtpParameters;

/**
 * Writes RTP media sections from mediasoup RTP parameters, as mediasoup-client's {@code RemoteSdp}
 * does: the codecs with their fmtp and RTCP feedback, the header extensions, RTCP mux and reduced
 * size, the transport's ICE and DTLS attributes and, for a sending section, the SSRCs of the
 * encodings (with their RTX) under the parameters' CNAME and MSID.
 */
public final class MediaSectionWriter {

    private MediaSectionWriter() {
    }

    /**
     * A section for {@code params}.
     *
     * @param kind {@code audio} or {@code video}
     * @param direction {@code sendonly}, {@code recvonly}, {@code sendrecv} or {@code inactive}, from
     *     the writer's point of view
     */
    public static MediaSection rtp(String kind, String mid, String direction, RtpParameters params,
            TransportDescription transport) {
        List<String> formats = params.codecs().stream().map(codec -> String.valueOf(codec.payloadType())).toList();
        MediaSection section = new MediaSection(kind, 9, "UDP/TLS/RTP/SAVPF", formats);
        section.addLine('c', "IN IP4 127.0.0.1");
        section.addAttribute("rtcp", "9 IN IP4 0.0.0.0");
        transport.writeTo(section);
        section.addAttribute("mid", mid);
        section.addAttribute(direction, null);
        boolean sending = direction.equals("sendonly") || direction.equals("sendrecv");
        String msid = params.msid() != null ? params.msid() : "- " + UUID.randomUUID();
        if (sending) {
            section.addAttribute("msid", msid);
        }
        section.addAttribute("rtcp-mux", null);
        section.addAttribute("rtcp-rsize", null);
        for (RtpCodecParameters codec : params.codecs()) {
            writeCodec(section, codec);
        }
        for (RtpHeaderExtensionParameters ext : params.headerExtensions()) {
            section.addAttribute("extmap", new Extmap(ext.id(), null, ext.uri(), null).toString());
        }
        if (sending) {
            writeSsrcs(section, params, msid);
        }
        return section;
    }

    /**
     * Adds the receiving side of simulcast to an answer section: {@code a=rid:<id> recv} for each of
     * the offer's send RIDs and {@code a=simulcast:recv}, so the sender keeps its streams.
     */
    public static void receiveSimulcast(MediaSection answer, List<String> rids) {
        if (rids.isEmpty()) {
            return;
        }
        for (String rid : rids) {
            answer.addAttribute("rid", rid + " recv");
        }
        answer.addAttribute("simulcast", "recv " + String.join(";", rids));
    }

    /**
     * The answer to a section that is refused: port 0, same kind, protocol, formats and MID, with the
     * answer's ICE credentials and fingerprint (no candidates), as Chromium writes its own rejected
     * sections: GStreamer's webrtcbin refuses an answer with a section that has no fingerprint.
     */
    public static MediaSection rejected(MediaSection offer, TransportDescription local) {
        List<String> formats = offer.formats().isEmpty() ? List.of("0") : offer.formats();
        MediaSection section = new MediaSection(offer.kind(), 0, offer.protocol(), formats);
        section.addLine('c', "IN IP4 127.0.0.1");
        offer.mid().ifPresent(mid -> section.addAttribute("mid", mid));
        local.writeCredentialsTo(section);
        section.addAttribute("inactive", null);
        return section;
    }

    private static void writeCodec(MediaSection section, RtpCodecParameters codec) {
        int pt = codec.payloadType();
        String encoding = codec.mimeType().substring(codec.mimeType().indexOf('/') + 1);
        Integer channels = codec.channels() != null && codec.channels() > 1 ? codec.channels() : null;
        section.addAttribute("rtpmap", new Rtpmap(pt, encoding, codec.clockRate(), channels).toString());
        if (codec.parameters() != null && !codec.parameters().isEmpty()) {
            section.addAttribute("fmtp", pt + " " + Fmtp.format(codec.parameters()));
        }
        if (codec.rtcpFeedback() != null) {
            for (RtcpFeedback fb : codec.rtcpFeedback()) {
                section.addAttribute("rtcp-fb", new RtcpFb(String.valueOf(pt), fb.type(), fb.parameter()).toString());
            }
        }
    }

    private static void writeSsrcs(MediaSection section, RtpParameters params, String msid) {
        String cname = params.rtcp() != null && params.rtcp().cname() != null ? params.rtcp().cname() : "mscluster";
        List<Long> media = new ArrayList<>();
        for (RtpEncodingParameters encoding : params.encodings()) {
            if (encoding.ssrc() == null) {
                continue;
            }
            media.add(encoding.ssrc());
            writeSsrc(section, encoding.ssrc(), cname, msid);
            if (encoding.rtx() != null && encoding.rtx().ssrc() != null) {
                writeSsrc(section, encoding.rtx().ssrc(), cname, msid);
                section.addAttribute("ssrc-group", "FID " + encoding.ssrc() + " " + encoding.rtx().ssrc());
            }
        }
        if (media.size() > 1) {
            section.addAttribute("ssrc-group", new SsrcGroup("SIM", media).toString());
        }
    }

    private static void writeSsrc(MediaSection section, long ssrc, String cname, String msid) {
        section.addAttribute("ssrc", ssrc + " cname:" + cname);
        section.addAttribute("ssrc", ssrc + " msid:" + msid);
    }
}
