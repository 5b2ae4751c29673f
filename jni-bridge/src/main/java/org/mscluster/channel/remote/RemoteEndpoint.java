package org.mscluster.channel.remote;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a media host is and how to reach it.
 *
 * @param host its address or name
 * @param port its link port
 * @param tls whether the link is TLS ({@code tls://host:port})
 * @param trustedCertificates PEM certificates to trust for TLS (null: the JDK's default trust store)
 * @param secret the shared secret to prove
 * @param clientName how the host's logs and status name this client (the node id)
 */
public record RemoteEndpoint(String host, int port, boolean tls, Path trustedCertificates, byte[] secret, String clientName) {

    public RemoteEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(secret, "secret");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range");
        }
        clientName = clientName == null ? "client" : clientName;
    }

    /**
     * Parses {@code host:port} or {@code tls://host:port} ({@code [v6]:port} for IPv6 literals).
     *
     * @throws IllegalArgumentException with a message fit for a user when it is neither
     */
    public static RemoteEndpoint parse(String address, Path trustedCertificates, byte[] secret, String clientName) {
        String rest = address.trim();
        boolean tls = false;
        if (rest.startsWith("tls://")) {
            tls = true;
            rest = rest.substring("tls://".length());
        } else if (rest.startsWith("tcp://")) {
            rest = rest.substring("tcp://".length());
        }
        int colon = rest.lastIndexOf(':');
        if (colon <= 0 || colon == rest.length() - 1) {
            throw new IllegalArgumentException("media host '" + address + "' is not host:port or tls://host:port");
        }
        String host = rest.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(rest.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("media host '" + address + "' has no numeric port");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("media host '" + address + "': port out of range");
        }
        return new RemoteEndpoint(host, port, tls, trustedCertificates, secret, clientName);
    }

    /** {@code host:port}, with {@code tls://} in front for TLS: what {@link #parse} reads back. */
    public String address() {
        String hostPart = host.contains(":") ? "[" + host + "]" : host;
        return (tls ? "tls://" : "") + hostPart + ":" + port;
    }

    @Override
    public String toString() {
        return address();
    }
}
