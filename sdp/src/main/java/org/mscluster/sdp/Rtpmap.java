package org.mscluster.sdp;

/** {@code a=rtpmap:<pt> <encoding>/<clock rate>[/<channels>]}. */
public record Rtpmap(int payloadType, String encoding, int clockRate, Integer channels) {

    public static Rtpmap parse(String value) {
        String[] parts = Values.splitFirst(value, "rtpmap");
        String[] codec = parts[1].split("/");
        if (codec.length < 2 || codec[0].isEmpty()) {
            throw new SdpParseException("bad a=rtpmap:" + value);
        }
        return new Rtpmap(Values.parseInt(parts[0], "rtpmap"), codec[0], Values.parseInt(codec[1], "rtpmap"),
                codec.length > 2 ? Values.parseInt(codec[2], "rtpmap") : null);
    }

    @Override
    public String toString() {
        return payloadType + " " + encoding + "/" + clockRate + (channels == null ? "" : "/" + channels);
    }
}
