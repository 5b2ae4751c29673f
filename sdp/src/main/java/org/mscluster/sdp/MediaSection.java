package org.mscluster.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One {@code m=} section: its media line ({@code m=<kind> <port> <protocol> <formats>}) and the lines
 * after it, in order. Typed accessors read the attributes WebRTC relies on.
 */
public final class MediaSection extends Lines {

    private String kind;
    private int port;
    private String protocol;
    private final List<String> formats;

    public MediaSection(String kind, int port, String protocol, List<String> formats) {
        this.kind = kind;
        this.port = port;
        this.protocol = protocol;
        this.formats = new ArrayList<>(formats);
    }

    static MediaSection parseMediaLine(String value) {
        String[] parts = value.trim().split(" +");
        if (parts.length < 3) {
            throw new SdpParseException("bad media line 'm=" + value + "'");
        }
        int port;
        try {
            // "<port>/<number of ports>" is allowed by RFC 8866; WebRTC never uses it.
            port = Integer.parseInt(parts[1].split("/")[0]);
        } catch (NumberFormatException e) {
            throw new SdpParseException("bad port in media line 'm=" + value + "'");
        }
        return new MediaSection(parts[0], port, parts[2], List.of(parts).subList(3, parts.length));
    }

    /** {@code audio}, {@code video} or {@code application}. */
    public String kind() {
        return kind;
    }

    public void setKind(String value) {
        kind = value;
    }

    /** 0 for a rejected section, or for one offered bundle-only. */
    public int port() {
        return port;
    }

    public void setPort(int value) {
        port = value;
    }

    public String protocol() {
        return protocol;
    }

    /** Payload types (as strings) for RTP, {@code webrtc-datachannel} for SCTP; modifiable. */
    public List<String> formats() {
        return formats;
    }

    /**
     * Port 0 without {@code a=bundle-only}: a section offered bundle-only (RFC 8843 section 7.5.3,
     * what GStreamer's webrtcbin sends with {@code max-bundle}) has port 0 too but is wanted, on the
     * bundle's transport.
     */
    public boolean isRejected() {
        return port == 0 && !hasAttribute("bundle-only");
    }

    public boolean isRtp() {
        return protocol.contains("RTP");
    }

    public Optional<String> mid() {
        return attribute("mid");
    }

    /** {@code sendrecv} (the default), {@code sendonly}, {@code recvonly} or {@code inactive}. */
    public String direction() {
        for (Line line : lines) {
            String name = line.name();
            if ("sendrecv".equals(name) || "sendonly".equals(name) || "recvonly".equals(name)
                    || "inactive".equals(name)) {
                return name;
            }
        }
        return "sendrecv";
    }

    public List<Rtpmap> rtpmaps() {
        return attributes("rtpmap").stream().map(Rtpmap::parse).toList();
    }

    public List<Fmtp> fmtps() {
        return attributes("fmtp").stream().map(Fmtp::parse).toList();
    }

    public List<RtcpFb> rtcpFbs() {
        return attributes("rtcp-fb").stream().map(RtcpFb::parse).toList();
    }

    public List<Extmap> extmaps() {
        return attributes("extmap").stream().map(Extmap::parse).toList();
    }

    public List<SsrcAttribute> ssrcs() {
        return attributes("ssrc").stream().map(SsrcAttribute::parse).toList();
    }

    public List<SsrcGroup> ssrcGroups() {
        return attributes("ssrc-group").stream().map(SsrcGroup::parse).toList();
    }

    public List<Rid> rids() {
        return attributes("rid").stream().map(Rid::parse).toList();
    }

    public Optional<Simulcast> simulcast() {
        return attribute("simulcast").map(Simulcast::parse);
    }

    public List<Candidate> candidates() {
        return attributes("candidate").stream().map(Candidate::parse).toList();
    }

    /** The media line as written, without {@code m=}. */
    public String mediaLine() {
        StringBuilder sb = new StringBuilder().append(kind).append(' ').append(port).append(' ').append(protocol);
        for (String format : formats) {
            sb.append(' ').append(format);
        }
        return sb.toString();
    }

    @Override
    public MediaSection addAttribute(String name, String value) {
        super.addAttribute(name, value);
        return this;
    }

    /** Appends a line of another type, e.g. {@code c=IN IP4 127.0.0.1}. */
    public MediaSection addLine(char type, String value) {
        lines.add(new Line(type, value));
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("m=").append(mediaLine()).append("\r\n");
        for (Line line : lines) {
            sb.append(line).append("\r\n");
        }
        return sb.toString();
    }
}
