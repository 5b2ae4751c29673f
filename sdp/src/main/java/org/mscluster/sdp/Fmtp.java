package org.mscluster.sdp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code a=fmtp:<pt> <k>=<v>;<k>=<v>}. Values that are integers become {@code Integer}s, as
 * sdp-transform (and so mediasoup-client) reads them: mediasoup compares {@code apt},
 * {@code packetization-mode} or {@code profile-id} as numbers. Others stay strings.
 */
public record Fmtp(int payloadType, Map<String, Object> parameters) {

    private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9][0-9]{0,8})");

    public static Fmtp parse(String value) {
        String[] parts = Values.splitFirst(value, "fmtp");
        Map<String, Object> parameters = new LinkedHashMap<>();
        for (String pair : parts[1].split(";")) {
            String trimmed = pair.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int eq = trimmed.indexOf('=');
            if (eq < 0) {
                // A bare value (e.g. telephone-event's "0-16"): kept under an empty name.
                parameters.put("", trimmed);
            } else {
                parameters.put(trimmed.substring(0, eq).trim(), typed(trimmed.substring(eq + 1).trim()));
            }
        }
        return new Fmtp(Values.parseInt(parts[0], "fmtp"), parameters);
    }

    private static Object typed(String value) {
        return INTEGER.matcher(value).matches() ? (Object) Integer.valueOf(value) : value;
    }

    /** The parameter list as written after the payload type. */
    public static String format(Map<String, ?> parameters) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, ?> entry : parameters.entrySet()) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(entry.getKey().isEmpty() ? "" : entry.getKey() + "=").append(entry.getValue());
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return payloadType + " " + format(parameters);
    }
}
