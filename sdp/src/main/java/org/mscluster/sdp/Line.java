package org.mscluster.sdp;

/**
 * One SDP line, {@code <type>=<value>}. For attributes ({@code a=}) {@link #name()} and
 * {@link #attributeValue()} split the value at the first colon ({@code a=rtcp-mux} has no value).
 */
public record Line(char type, String value) {

    public static Line attribute(String name, String value) {
        return new Line('a', value == null ? name : name + ":" + value);
    }

    public boolean isAttribute() {
        return type == 'a';
    }

    /** The attribute name, or {@code null} if this is not an attribute line. */
    public String name() {
        if (!isAttribute()) {
            return null;
        }
        int colon = value.indexOf(':');
        return colon < 0 ? value : value.substring(0, colon);
    }

    /** The attribute value after the colon, {@code null} for a flag attribute or another line type. */
    public String attributeValue() {
        if (!isAttribute()) {
            return null;
        }
        int colon = value.indexOf(':');
        return colon < 0 ? null : value.substring(colon + 1);
    }

    @Override
    public String toString() {
        return type + "=" + value;
    }
}
