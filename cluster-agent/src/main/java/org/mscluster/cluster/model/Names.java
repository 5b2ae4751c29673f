package org.mscluster.cluster.model;

import java.util.regex.Pattern;

/**
 * The spelling rules for identifiers that end up inside Redis keys and URLs.
 *
 * <p>Node ids and namespaces are embedded in composite keys ({@code room:<ns>:<roomId>}), so they
 * must not contain the separator; room ids come last in such keys and may contain anything
 * printable.
 */
public final class Names {
    private static final Pattern SIMPLE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_ROOM_ID_LENGTH = 256;

    private Names() {}

    /** Checks a node id or namespace; returns it for use in assignments. */
    public static String requireSimple(String value, String what) {
        if (value == null || !SIMPLE.matcher(value).matches()) {
            throw new IllegalArgumentException(
                    what + " must be 1-64 characters of [A-Za-z0-9._-] starting with a letter or digit: " + value);
        }
        return value;
    }

    /** Checks a room id: any printable text without control characters, at most 256 characters. */
    public static String requireRoomId(String value) {
        if (value == null || value.isEmpty() || value.length() > MAX_ROOM_ID_LENGTH) {
            throw new IllegalArgumentException("room id must be 1-" + MAX_ROOM_ID_LENGTH + " characters: " + value);
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                throw new IllegalArgumentException("room id must not contain control characters");
            }
        }
        return value;
    }
}
