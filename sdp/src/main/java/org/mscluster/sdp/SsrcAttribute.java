package org.mscluster.sdp;

/** {@code a=ssrc:<ssrc> <attribute>[:<value>]}, e.g. {@code cname:abc} or {@code msid:stream track}. */
public record SsrcAttribute(long ssrc, String attribute, String value) {

    public static SsrcAttribute parse(String value) {
        String[] parts = Values.splitFirst(value, "ssrc");
        String rest = parts[1];
        int colon = rest.indexOf(':');
        return new SsrcAttribute(Values.parseLong(parts[0], "ssrc"), colon < 0 ? rest : rest.substring(0, colon),
                colon < 0 ? null : rest.substring(colon + 1));
    }

    @Override
    public String toString() {
        return ssrc + " " + attribute + (value == null ? "" : ":" + value);
    }
}
