package org.mscluster.signaling.hosting;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds the WebSocket URLs handed to clients by {@code /api/dispatch} and by redirects. */
public final class SignalingUrls {

    private SignalingUrls() {
    }

    /** {@code ws://host/} or {@code wss://host/}; {@code host} may carry a port. */
    public static String base(boolean secure, String host) {
        return (secure ? "wss://" : "ws://") + host + "/";
    }

    /**
     * A node's own URL, the one it registers and redirects point at: {@code ws(s)://address:port/}, an IPv6
     * address in brackets.
     */
    public static String ofNode(boolean secure, String address, int port) {
        String host = address.contains(":") && !address.startsWith("[") ? "[" + address + "]" : address;
        return base(secure, host + ":" + port);
    }

    /** The base URL with the client's query; the token is only added when there is one. */
    public static String forClient(String base, String roomId, String peerId, String namespace, String token) {
        return forClient(base, roomId, peerId, namespace, token, null, null);
    }

    /**
     * The same, keeping the region and ISP the client gave (when it gave them), so that the node it lands on
     * knows them too (its peers' regions in the admin API and the dashboard).
     */
    public static String forClient(String base, String roomId, String peerId, String namespace, String token, String region,
            String isp) {
        String url = forClientOnly(base, roomId, peerId, namespace, token);
        StringBuilder more = new StringBuilder(url);
        if (region != null && !region.isEmpty()) {
            more.append("&region=").append(encode(region));
        }
        if (isp != null && !isp.isEmpty()) {
            more.append("&isp=").append(encode(isp));
        }
        return more.toString();
    }

    private static String forClientOnly(String base, String roomId, String peerId, String namespace, String token) {
        StringBuilder url = new StringBuilder(base);
        if (!base.endsWith("/")) {
            url.append('/');
        }
        url.append("?roomId=").append(encode(roomId)).append("&peerId=").append(encode(peerId))
                .append("&namespace=").append(encode(namespace));
        if (token != null && !token.isEmpty()) {
            url.append("&token=").append(encode(token));
        }
        return url.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
