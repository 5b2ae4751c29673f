package org.mscluster.sdp;

import java.util.Locale;

/** {@code a=fingerprint:<hash function> <hex:hex:…>}; the hash function is lower-cased. */
public record Fingerprint(String algorithm, String value) {

    public static Fingerprint parse(String value) {
        String[] parts = Values.splitFirst(value, "fingerprint");
        if (parts[1].isEmpty()) {
            throw new SdpParseException("bad a=fingerprint:" + value);
        }
        return new Fingerprint(parts[0].toLowerCase(Locale.ROOT), parts[1]);
    }

    @Override
    public String toString() {
        return algorithm + " " + value;
    }
}
