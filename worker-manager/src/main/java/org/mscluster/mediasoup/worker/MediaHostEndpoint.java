package org.mscluster.mediasoup.worker;

import java.nio.file.Path;
import java.util.Objects;
import org.mscluster.channel.remote.RemoteEndpoint;

/**
 * Where the media host of a {@link WorkerMode#REMOTE} worker is ({@code mscluster media start}) and
 * how to reach it.
 *
 * @param host its address or name
 * @param port its link port
 * @param tls whether the link is TLS
 * @param trustedCertificates PEM certificates to trust for TLS (null: the JDK's default trust store)
 * @param secret the shared secret the host checks before any channel byte passes
 * @param clientName how the host names this client (a node id)
 */
public record MediaHostEndpoint(String host, int port, boolean tls, Path trustedCertificates, byte[] secret, String clientName) {

    public MediaHostEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(secret, "secret");
    }

    /**
     * Parses {@code host:port} or {@code tls://host:port}.
     *
     * @throws IllegalArgumentException with a message fit for a user
     */
    public static MediaHostEndpoint parse(String address, Path trustedCertificates, byte[] secret, String clientName) {
        return of(RemoteEndpoint.parse(address, trustedCertificates, secret, clientName));
    }

    static MediaHostEndpoint of(RemoteEndpoint endpoint) {
        return new MediaHostEndpoint(endpoint.host(), endpoint.port(), endpoint.tls(), endpoint.trustedCertificates(),
                endpoint.secret(), endpoint.clientName());
    }

    RemoteEndpoint toLink() {
        return new RemoteEndpoint(host, port, tls, trustedCertificates, secret, clientName);
    }

    /** {@code host:port}, {@code tls://} in front for TLS. */
    public String address() {
        return toLink().address();
    }

    @Override
    public String toString() {
        return address();
    }
}
