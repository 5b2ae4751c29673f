package org.mscluster.sdp;

/** {@code a=rtcp-fb:<pt or *> <type> [<parameter>]}; {@code payloadType} is {@code "*"} for all. */
public record RtcpFb(String payloadType, String type, String parameter) {

    public static RtcpFb parse(String value) {
        String[] parts = Values.splitFirst(value, "rtcp-fb");
        String[] fb = Values.splitFirst(parts[1], "rtcp-fb");
        if (fb[0].isEmpty()) {
            throw new SdpParseException("bad a=rtcp-fb:" + value);
        }
        return new RtcpFb(parts[0], fb[0], fb[1].isEmpty() ? null : fb[1]);
    }

    /** Whether this feedback applies to {@code payloadType}. */
    public boolean appliesTo(int payloadType) {
        return "*".equals(this.payloadType) || String.valueOf(payloadType).equals(this.payloadType);
    }

    @Override
    public String toString() {
        return payloadType + " " + type + (parameter == null || parameter.isEmpty() ? "" : " " + parameter);
    }
}
