package org.mscluster.sdp;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Puts media sections into a whole description: the session lines, {@code a=ice-lite} when the
 * transport is mediasoup's, {@code a=group:BUNDLE} over the sections that are not rejected, and
 * {@code a=msid-semantic}.
 */
public final class SessionWriter {

    private SessionWriter() {
    }

    public static Sdp write(List<MediaSection> sections, boolean iceLite) {
        Sdp sdp = Sdp.create(String.valueOf(ThreadLocalRandom.current().nextLong(1, Long.MAX_VALUE)), 2);
        if (iceLite) {
            sdp.addAttribute("ice-lite", null);
        }
        List<String> bundled = sections.stream()
                .filter(section -> !section.isRejected())
                .map(section -> section.mid().orElse(null))
                .filter(mid -> mid != null)
                .toList();
        if (!bundled.isEmpty()) {
            sdp.addAttribute("group", "BUNDLE " + String.join(" ", bundled));
        }
        sdp.addAttribute("msid-semantic", " WMS *");
        sections.forEach(sdp::addMedia);
        return sdp;
    }
}
