package org.mscluster.sdp;

import java.util.ArrayList;
import java.util.List;

/** {@code a=ssrc-group:<semantics> <ssrc> …}: {@code FID} (media, RTX) or {@code SIM} (simulcast streams). */
public record SsrcGroup(String semantics, List<Long> ssrcs) {

    public SsrcGroup {
        ssrcs = List.copyOf(ssrcs);
    }

    public static SsrcGroup parse(String value) {
        String[] parts = Values.splitFirst(value, "ssrc-group");
        List<Long> ssrcs = new ArrayList<>();
        for (String ssrc : parts[1].split(" +")) {
            if (!ssrc.isEmpty()) {
                ssrcs.add(Values.parseLong(ssrc, "ssrc-group"));
            }
        }
        return new SsrcGroup(parts[0], ssrcs);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(semantics);
        ssrcs.forEach(ssrc -> sb.append(' ').append(ssrc));
        return sb.toString();
    }
}
