package org.mscluster.sdp;

/** {@code a=extmap:<id>[/<direction>] <uri> [<attributes>]}. */
public record Extmap(int id, String direction, String uri, String attributes) {

    public static Extmap parse(String value) {
        String[] parts = Values.splitFirst(value, "extmap");
        String[] rest = Values.splitFirst(parts[1], "extmap");
        if (rest[0].isEmpty()) {
            throw new SdpParseException("bad a=extmap:" + value);
        }
        String[] idDirection = parts[0].split("/", 2);
        return new Extmap(Values.parseInt(idDirection[0], "extmap"), idDirection.length > 1 ? idDirection[1] : null,
                rest[0], rest[1].isEmpty() ? null : rest[1]);
    }

    @Override
    public String toString() {
        return id + (direction == null ? "" : "/" + direction) + " " + uri + (attributes == null ? "" : " " + attributes);
    }
}
