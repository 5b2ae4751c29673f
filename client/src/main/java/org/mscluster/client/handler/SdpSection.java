package org.mscluster.client.handler;

import java.util.ArrayList;
import java.util.List;

/** One media section of a session description: its {@code m=} line and the lines under it, as written. */
final class SdpSection {
    final String mLine;
    final List<String> lines = new ArrayList<>();

    SdpSection(String mLine) {
        this.mLine = mLine;
    }

    /** {@code audio}, {@code video} or {@code application}. */
    String kind() {
        return mLine.substring(2, mLine.indexOf(' '));
    }

    /** The values of every {@code a=name:value} line (or {@code a=name} with an empty value). */
    List<String> attributes(String name) {
        List<String> values = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("a=" + name + ":"))
                values.add(line.substring(name.length() + 3));
            else if (line.equals("a=" + name))
                values.add("");
        }
        return values;
    }

    String attribute(String name) {
        List<String> values = attributes(name);
        return values.isEmpty() ? null : values.get(0);
    }

    String mid() {
        return attribute("mid");
    }

    /** Parses an SDP into its media sections; session-level lines land in {@code session}. */
    static List<SdpSection> parse(String sdp, List<String> session) {
        List<SdpSection> sections = new ArrayList<>();
        SdpSection current = null;
        for (String line : sdp.split("\r?\n")) {
            if (line.isEmpty())
                continue;
            if (line.startsWith("m=")) {
                current = new SdpSection(line);
                sections.add(current);
            } else if (current != null) {
                current.lines.add(line);
            } else if (session != null) {
                session.add(line);
            }
        }
        return sections;
    }
}
