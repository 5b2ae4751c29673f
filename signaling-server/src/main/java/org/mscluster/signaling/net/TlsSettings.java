package org.mscluster.signaling.net;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.nio.file.Path;
import java.util.Collection;
import javax.net.ssl.SSLException;

/**
 * How the port speaks TLS: not at all, with a certificate generated at start, or with PEM files.
 *
 * @param certificateFile PEM chain, with {@code keyFile}; both null for a generated certificate
 */
public record TlsSettings(boolean enabled, Path certificateFile, Path keyFile) {

    public static TlsSettings disabled() {
        return new TlsSettings(false, null, null);
    }

    public static TlsSettings selfSigned() {
        return new TlsSettings(true, null, null);
    }

    public static TlsSettings files(Path certificateFile, Path keyFile) {
        return new TlsSettings(true, certificateFile, keyFile);
    }

    public TlsSettings {
        if ((certificateFile == null) != (keyFile == null)) {
            throw new IllegalArgumentException("a TLS certificate file needs its key file and the other way round");
        }
    }

    /** The server context, or null when TLS is off; {@code hostNames} go into a generated certificate. */
    public SslContext newServerContext(Collection<String> hostNames) throws SSLException {
        if (!enabled) {
            return null;
        }
        if (certificateFile != null) {
            return SslContextBuilder.forServer(certificateFile.toFile(), keyFile.toFile()).build();
        }
        SelfSignedCertificates.Material material = SelfSignedCertificates.generate(hostNames);
        return SslContextBuilder.forServer(material.keyPair().getPrivate(), material.certificate()).build();
    }
}
