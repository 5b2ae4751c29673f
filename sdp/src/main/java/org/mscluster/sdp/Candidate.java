package org.mscluster.sdp;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code a=candidate:<foundation> <component> <transport> <priority> <address> <port> typ <type>
 * [raddr <a>] [rport <p>] [tcptype <t>] …} (RFC 8839). Extensions after the type are kept in order.
 */
public record Candidate(String foundation, int component, String transport, long priority, String address,
        int port, String type, Map<String, String> extensions) {

    public Candidate {
        extensions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extensions));
    }

    public static Candidate parse(String value) {
        String text = value.startsWith("candidate:") ? value.substring("candidate:".length()) : value;
        String[] parts = text.trim().split(" +");
        if (parts.length < 8 || !parts[6].equals("typ")) {
            throw new SdpParseException("bad a=candidate:" + value);
        }
        Map<String, String> extensions = new LinkedHashMap<>();
        for (int i = 8; i + 1 < parts.length; i += 2) {
            extensions.put(parts[i], parts[i + 1]);
        }
        return new Candidate(parts[0], Values.parseInt(parts[1], "candidate"), parts[2].toLowerCase(Locale.ROOT),
                Values.parseLong(parts[3], "candidate"), parts[4], Values.parseInt(parts[5], "candidate"), parts[7],
                extensions);
    }

    /** The TCP candidate type ({@code active}, {@code passive}, {@code so}), {@code null} for UDP. */
    public String tcpType() {
        return extensions.get("tcptype");
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder().append(foundation).append(' ').append(component).append(' ')
                .append(transport).append(' ').append(priority).append(' ').append(address).append(' ')
                .append(port).append(" typ ").append(type);
        extensions.forEach((key, val) -> sb.append(' ').append(key).append(' ').append(val));
        return sb.toString();
    }
}
