package org.mscluster.signaling.whip;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An ICE server announced to WHIP/WHEP clients in a {@code Link} header (RFC 9725 section 4.6):
 * {@code <turn:turn.example.net?transport=udp>; rel="ice-server"; username="u"; credential="p";
 * credential-type="password"}. Given as {@code URL[?username=U&credential=C]}: the credentials leave
 * the URL for the header's parameters, other query parameters ({@code transport}) stay in it.
 */
public record IceServerLink(String url, String username, String credential) {

    public IceServerLink {
        String scheme = url.contains(":") ? url.substring(0, url.indexOf(':')).toLowerCase(Locale.ROOT) : "";
        if (!List.of("stun", "stuns", "turn", "turns").contains(scheme) || url.length() == scheme.length() + 1) {
            throw new IllegalArgumentException("ICE server '" + url + "': a stun:, stuns:, turn: or turns: URL is required");
        }
        if (scheme.startsWith("turn") && (username == null || credential == null)) {
            throw new IllegalArgumentException("ICE server '" + url + "': a TURN server needs ?username=…&credential=…");
        }
        if (url.contains(">") || url.contains("<") || quoteBreaks(username) || quoteBreaks(credential)) {
            throw new IllegalArgumentException("ICE server '" + url + "': <, > and \" cannot be announced in a Link header");
        }
    }

    /** Reads {@code URL[?username=U&credential=C&…]}. */
    public static IceServerLink parse(String given) {
        int query = given.indexOf('?');
        String base = query < 0 ? given : given.substring(0, query);
        String username = null;
        String credential = null;
        List<String> kept = new ArrayList<>();
        if (query >= 0) {
            for (String parameter : given.substring(query + 1).split("&")) {
                int eq = parameter.indexOf('=');
                String name = eq < 0 ? parameter : parameter.substring(0, eq);
                String value = eq < 0 ? "" : URLDecoder.decode(parameter.substring(eq + 1), StandardCharsets.UTF_8);
                switch (name) {
                    case "username" -> username = value;
                    case "credential" -> credential = value;
                    default -> {
                        if (!parameter.isEmpty()) {
                            kept.add(parameter);
                        }
                    }
                }
            }
        }
        return new IceServerLink(kept.isEmpty() ? base : base + "?" + String.join("&", kept), username, credential);
    }

    /** The {@code Link} header's value. */
    public String header() {
        StringBuilder value = new StringBuilder("<").append(url).append(">; rel=\"ice-server\"");
        if (username != null) {
            value.append("; username=\"").append(username).append("\"; credential=\"").append(credential)
                    .append("\"; credential-type=\"password\"");
        }
        return value.toString();
    }

    private static boolean quoteBreaks(String value) {
        return value != null && (value.contains("\"") || value.contains("\\"));
    }
}
