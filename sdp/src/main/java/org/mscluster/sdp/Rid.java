package org.mscluster.sdp;

/** {@code a=rid:<id> <send|recv> [<restrictions>]} (RFC 8851). */
public record Rid(String id, String direction, String restrictions) {

    public static Rid parse(String value) {
        String[] parts = Values.splitFirst(value, "rid");
        String[] rest = Values.splitFirst(parts[1], "rid");
        if (parts[0].isEmpty() || rest[0].isEmpty()) {
            throw new SdpParseException("bad a=rid:" + value);
        }
        return new Rid(parts[0], rest[0], rest[1].isEmpty() ? null : rest[1]);
    }

    @Override
    public String toString() {
        return id + " " + direction + (restrictions == null ? "" : " " + restrictions);
    }
}
