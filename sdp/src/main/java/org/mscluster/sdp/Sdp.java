package org.mscluster.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A session description: the session-level lines ({@code v=}, {@code o=}, {@code s=}, {@code t=},
 * session attributes, …) and the media sections. {@link #parse} accepts CRLF or LF line ends and
 * keeps every line; {@link #toString} writes CRLF.
 */
public final class Sdp extends Lines {

    private final List<MediaSection> media = new ArrayList<>();

    /** The lines an SDP starts with, for one written from scratch (ours as answerer or offerer). */
    public static Sdp create(String sessionId, long version) {
        Sdp sdp = new Sdp();
        sdp.lines.add(new Line('v', "0"));
        sdp.lines.add(new Line('o', "- " + sessionId + " " + version + " IN IP4 127.0.0.1"));
        sdp.lines.add(new Line('s', "-"));
        sdp.lines.add(new Line('t', "0 0"));
        return sdp;
    }

    /**
     * Reads {@code text}.
     *
     * @throws SdpParseException if it does not start with {@code v=0}, a line is not
     *     {@code <letter>=<value>}, or a media line is malformed
     */
    public static Sdp parse(String text) {
        if (text == null) {
            throw new SdpParseException("no SDP");
        }
        Sdp sdp = new Sdp();
        MediaSection current = null;
        int number = 0;
        for (String raw : text.split("\r?\n")) {
            number++;
            String trimmed = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (trimmed.isBlank()) {
                continue;
            }
            if (trimmed.length() < 2 || trimmed.charAt(1) != '=' || !Character.isLetter(trimmed.charAt(0))) {
                throw new SdpParseException("line " + number + " is not '<type>=<value>': '" + abbreviate(trimmed) + "'");
            }
            char type = trimmed.charAt(0);
            String value = trimmed.substring(2);
            if (number == 1 && !(type == 'v' && value.equals("0"))) {
                throw new SdpParseException("an SDP starts with 'v=0'");
            }
            if (type == 'm') {
                current = MediaSection.parseMediaLine(value);
                sdp.media.add(current);
            } else if (current != null) {
                current.lines.add(new Line(type, value));
            } else {
                sdp.lines.add(new Line(type, value));
            }
        }
        if (number == 0 || sdp.lines.isEmpty()) {
            throw new SdpParseException("empty SDP");
        }
        return sdp;
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 80) + "…";
    }

    /** The media sections in order, modifiable. */
    public List<MediaSection> media() {
        return media;
    }

    public Sdp addMedia(MediaSection section) {
        media.add(section);
        return this;
    }

    /** The section whose {@code a=mid} is {@code mid}. */
    public Optional<MediaSection> mediaByMid(String mid) {
        return media.stream().filter(m -> m.mid().filter(mid::equals).isPresent()).findFirst();
    }

    /** A media-level attribute, falling back to the session level (ICE and DTLS attributes may be in either). */
    public Optional<String> attribute(MediaSection section, String name) {
        Optional<String> value = section.attribute(name);
        return value.isPresent() ? value : attribute(name);
    }

    @Override
    public Sdp addAttribute(String name, String value) {
        super.addAttribute(name, value);
        return this;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (Line line : lines) {
            sb.append(line).append("\r\n");
        }
        for (MediaSection section : media) {
            sb.append(section);
        }
        return sb.toString();
    }
}
