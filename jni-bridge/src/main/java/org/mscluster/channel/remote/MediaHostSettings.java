package org.mscluster.channel.remote;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.mscluster.channel.NativeBinaries;

/**
 * A media host's settings.
 *
 * @param hostId how the host names itself in logs and to its clients
 * @param listenIp where the link port and the workers' WebRTC ports listen
 * @param port the link port (0: any free one)
 * @param announcedIp the address clients' browsers reach the WebRTC ports at (null: {@code listenIp})
 * @param workers how many workers may run at once, one per link
 * @param rtcPortBase slot {@code i}'s worker serves WebRTC on port {@code rtcPortBase + i}, UDP and TCP
 * @param secret the shared secret every client proves before its first channel byte
 * @param tlsCertificate PEM certificate chain for TLS on the link port, or null for plain TCP
 * @param tlsPrivateKey PEM (PKCS#8) key of that certificate
 * @param authTimeout how long a connection may take to authenticate before it is dropped
 */
public record MediaHostSettings(
        String hostId,
        String listenIp,
        int port,
        String announcedIp,
        int workers,
        int rtcPortBase,
        byte[] secret,
        Path tlsCertificate,
        Path tlsPrivateKey,
        NativeBinaries binaries,
        String version,
        Duration authTimeout) {

    public MediaHostSettings {
        Objects.requireNonNull(hostId, "hostId");
        Objects.requireNonNull(listenIp, "listenIp");
        Objects.requireNonNull(binaries, "binaries");
        Objects.requireNonNull(version, "version");
        if (secret == null || secret.length < 16) {
            throw new IllegalArgumentException("the media host's secret must be at least 16 bytes");
        }
        if (workers < 1) {
            throw new IllegalArgumentException("at least one worker");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " out of range");
        }
        if (rtcPortBase < 1 || rtcPortBase + workers - 1 > 65535) {
            throw new IllegalArgumentException("RTC ports " + rtcPortBase + ".." + (rtcPortBase + workers - 1) + " out of range");
        }
        if ((tlsCertificate == null) != (tlsPrivateKey == null)) {
            throw new IllegalArgumentException("TLS needs both a certificate and its key");
        }
        if (announcedIp == null && (listenIp.equals("0.0.0.0") || listenIp.equals("::"))) {
            throw new IllegalArgumentException("listening on " + listenIp + " needs an announced address for browsers to reach");
        }
        authTimeout = authTimeout == null ? Duration.ofSeconds(5) : authTimeout;
    }

    public boolean tls() {
        return tlsCertificate != null;
    }

    /** The address browsers are told to reach the workers at. */
    public String announcedAddress() {
        return announcedIp != null ? announcedIp : listenIp;
    }
}
