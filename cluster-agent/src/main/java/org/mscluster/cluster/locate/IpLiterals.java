package org.mscluster.cluster.locate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Parses IP address literals to bytes without ever resolving a host name.
 *
 * <p>{@link InetAddress#getByName} would send anything that is not a literal to DNS: on a request
 * path that is a latency and denial-of-service hazard, so IPv4 is parsed here and only text that
 * must be an IPv6 literal (it contains a colon, which Java never resolves) is handed to the JDK.
 */
final class IpLiterals {
    private IpLiterals() {}

    /**
     * @return 4 bytes for IPv4 (including IPv4-mapped IPv6 such as {@code ::ffff:10.0.0.1}), 16 for
     *     IPv6, or empty when {@code text} is not an address literal
     */
    static Optional<byte[]> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String s = text.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        if (s.indexOf(':') >= 0) {
            return parseIpv6(s);
        }
        return parseIpv4(s);
    }

    private static Optional<byte[]> parseIpv4(String s) {
        String[] parts = s.split("\\.", -1);
        if (parts.length != 4) {
            return Optional.empty();
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return Optional.empty();
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return Optional.empty();
            }
            out[i] = (byte) v;
        }
        return Optional.of(out);
    }

    private static Optional<byte[]> parseIpv6(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return Optional.empty();
            }
        }
        try {
            InetAddress a = InetAddress.getByName(s); // colon present: parsed as a literal, never resolved
            // IPv4-mapped literals come back as Inet4Address: 4 bytes, matched against IPv4 rules.
            return Optional.of(a.getAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
