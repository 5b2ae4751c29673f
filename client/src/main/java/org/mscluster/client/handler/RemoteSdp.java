package org.mscluster.client.handler;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The server's side of one transport as a session description: ICE-lite, the transport's ICE and DTLS
 * parameters, and one m-section per mid in the order the local side negotiated them.
 */
final class RemoteSdp {
    private final JsonNode iceParameters;
    private final JsonNode iceCandidates;
    private final JsonNode dtlsParameters;
    private final JsonNode sctpParameters;
    private final Map<String, Section> sections = new LinkedHashMap<>();
    private long version = 1;

    /** One m-section: its kind ({@code audio}, {@code video}, {@code application}), port and body lines. */
    record Section(String mid, String kind, boolean closed, String protoAndFormats, List<String> body) {
    }

    RemoteSdp(JsonNode transportInfo) {
        this.iceParameters = transportInfo.path("iceParameters");
        this.iceCandidates = transportInfo.path("iceCandidates");
        this.dtlsParameters = transportInfo.path("dtlsParameters");
        this.sctpParameters = transportInfo.path("sctpParameters");
    }

    boolean has(String mid) {
        return sections.containsKey(mid);
    }

    /** The answer to a local sending m-section: the router receives {@code rtpParameters} on it. */
    void answerMedia(String mid, String kind, JsonNode rtpParameters) {
        List<String> body = new ArrayList<>();
        body.add("a=recvonly");
        body.addAll(LocalRtp.codecLines(rtpParameters.path("codecs")));
        body.addAll(extmaps(rtpParameters));
        body.add("a=rtcp-mux");
        body.add("a=rtcp-rsize");
        sections.put(mid, new Section(mid, kind, false, "UDP/TLS/RTP/SAVPF " + LocalRtp.payloadTypes(rtpParameters.path("codecs")), body));
    }

    /** An offered m-section for a consumer: the router sends {@code rtpParameters} on it, as stream {@code streamId}. */
    void offerMedia(String mid, String kind, JsonNode rtpParameters, String streamId, String trackId) {
        List<String> body = new ArrayList<>();
        body.add("a=sendonly");
        body.addAll(LocalRtp.codecLines(rtpParameters.path("codecs")));
        body.addAll(extmaps(rtpParameters));
        body.add("a=rtcp-mux");
        body.add("a=rtcp-rsize");
        body.add("a=msid:" + streamId + " " + trackId);
        JsonNode encoding = rtpParameters.path("encodings").path(0);
        long ssrc = encoding.path("ssrc").asLong();
        long rtxSsrc = encoding.path("rtx").path("ssrc").asLong(0);
        String cname = rtpParameters.path("rtcp").path("cname").asText("mscluster");
        if (rtxSsrc != 0)
            body.add("a=ssrc-group:FID " + ssrc + " " + rtxSsrc);
        for (long s : rtxSsrc != 0 ? new long[] {ssrc, rtxSsrc} : new long[] {ssrc}) {
            body.add("a=ssrc:" + s + " cname:" + cname);
            body.add("a=ssrc:" + s + " msid:" + streamId + " " + trackId);
        }
        sections.put(mid, new Section(mid, kind, false, "UDP/TLS/RTP/SAVPF " + LocalRtp.payloadTypes(rtpParameters.path("codecs")), body));
    }

    /** The SCTP association's m-section (data channels), answered or offered alike. */
    void application(String mid) {
        List<String> body = new ArrayList<>();
        body.add("a=sctp-port:" + sctpParameters.path("port").asInt(5000));
        body.add("a=max-message-size:" + sctpParameters.path("maxMessageSize").asInt(262144));
        sections.put(mid, new Section(mid, "application", false, "UDP/DTLS/SCTP webrtc-datachannel", body));
    }

    /** Stops an m-section (its consumer closed); the mid stays, as Unified Plan requires. */
    void close(String mid) {
        Section section = sections.get(mid);
        if (section != null && !section.closed())
            sections.put(mid, new Section(mid, section.kind(), true, section.protoAndFormats(), List.of("a=inactive")));
    }

    private static List<String> extmaps(JsonNode rtpParameters) {
        List<String> lines = new ArrayList<>();
        for (JsonNode extension : rtpParameters.path("headerExtensions"))
            lines.add("a=extmap:" + extension.path("id").asInt() + " " + extension.path("uri").asText());
        return lines;
    }

    /** The whole description; {@code offer} decides the DTLS setup attribute. */
    String toSdp(boolean offer) {
        StringBuilder sdp = new StringBuilder();
        line(sdp, "v=0");
        line(sdp, "o=mscluster 10000 " + version++ + " IN IP4 0.0.0.0");
        line(sdp, "s=-");
        line(sdp, "t=0 0");
        line(sdp, "a=ice-lite");
        JsonNode fingerprint = null;
        for (JsonNode f : dtlsParameters.path("fingerprints")) {
            if (fingerprint == null || f.path("algorithm").asText().equals("sha-256"))
                fingerprint = f;
        }
        if (fingerprint != null)
            line(sdp, "a=fingerprint:" + fingerprint.path("algorithm").asText() + " " + fingerprint.path("value").asText());
        List<String> bundled = new ArrayList<>();
        for (Section section : sections.values()) {
            if (!section.closed() || bundled.isEmpty())
                bundled.add(section.mid());
        }
        line(sdp, "a=group:BUNDLE " + String.join(" ", bundled));
        line(sdp, "a=msid-semantic: WMS *");
        line(sdp, "a=extmap-allow-mixed");
        boolean first = true;
        for (Section section : sections.values()) {
            boolean rejected = section.closed() && !first;
            first = false;
            line(sdp, "m=" + section.kind() + " " + (rejected ? 0 : 7) + " " + section.protoAndFormats());
            line(sdp, "c=IN IP4 127.0.0.1");
            if (!section.kind().equals("application"))
                line(sdp, "a=rtcp:9 IN IP4 0.0.0.0");
            line(sdp, "a=ice-ufrag:" + iceParameters.path("usernameFragment").asText());
            line(sdp, "a=ice-pwd:" + iceParameters.path("password").asText());
            line(sdp, "a=ice-options:renomination");
            for (JsonNode candidate : iceCandidates) {
                String address = candidate.has("address") ? candidate.path("address").asText() : candidate.path("ip").asText();
                String protocol = candidate.path("protocol").asText("udp");
                String c = "a=candidate:" + candidate.path("foundation").asText() + " 1 " + protocol + " "
                        + candidate.path("priority").asLong() + " " + address + " " + candidate.path("port").asInt() + " typ host";
                if (protocol.equals("tcp"))
                    c += " tcptype " + candidate.path("tcpType").asText("passive");
                line(sdp, c);
            }
            line(sdp, "a=end-of-candidates");
            line(sdp, "a=setup:" + (offer ? "actpass" : "passive"));
            line(sdp, "a=mid:" + section.mid());
            for (String body : section.body())
                line(sdp, body);
        }
        return sdp.toString();
    }

    private static void line(StringBuilder sdp, String line) {
        sdp.append(line).append("\r\n");
    }
}
