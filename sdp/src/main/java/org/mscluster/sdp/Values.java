package org.mscluster.sdp;

/** Number parsing for attribute values, with the error an SDP reader expects. */
final class Values {

    private Values() {
    }

    static int parseInt(String value, String attribute) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new SdpParseException("bad number '" + value + "' in a=" + attribute);
        }
    }

    static long parseLong(String value, String attribute) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException | NullPointerException e) {
            throw new SdpParseException("bad number '" + value + "' in a=" + attribute);
        }
    }

    /** {@code value} split at the first space: [first, rest or ""]. */
    static String[] splitFirst(String value, String attribute) {
        if (value == null) {
            throw new SdpParseException("a=" + attribute + " without a value");
        }
        String trimmed = value.trim();
        int space = trimmed.indexOf(' ');
        return space < 0 ? new String[] {trimmed, ""} : new String[] {trimmed.substring(0, space), trimmed.substring(space + 1).trim()};
    }
}
