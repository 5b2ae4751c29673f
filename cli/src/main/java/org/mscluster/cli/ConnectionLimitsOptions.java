package org.mscluster.cli;

import java.time.Duration;
import org.mscluster.signaling.net.ConnectionGate;
import org.mscluster.signaling.net.HttpLimits;
import org.mscluster.signaling.net.WebSocketLimits;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The limits of the HTTP + WebSocket port that nodes and dispatchers share: connections per client
 * address, handshakes in flight, the first request's deadline and HTTP request sizes. Refusals are
 * 4xx/503 JSON, counted in {@code mscluster_refusals_total{reason}}.
 */
final class ConnectionLimitsOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    @Option(names = "--max-connections-per-address", defaultValue = "256", description = "open connections one client address may hold; more get 429 (default ${DEFAULT-VALUE})")
    int maxConnectionsPerAddress;

    @Option(names = "--first-request-timeout", defaultValue = "10", description = "seconds a new connection may take to send its first whole request (a handshake) before it is dropped (default ${DEFAULT-VALUE})")
    int firstRequestTimeoutSeconds;

    @Option(names = "--max-handshakes-in-flight", defaultValue = "1024", description = "connections of all addresses that may be waiting for their first whole request at once; the next gets 503 and is closed (default ${DEFAULT-VALUE})")
    int maxHandshakesInFlight;

    @Option(names = "--max-url-bytes", defaultValue = "8192", description = "bytes of an HTTP request line (method, URL, version); longer gets 414 (default ${DEFAULT-VALUE})")
    int maxUrlBytes;

    @Option(names = "--max-header-bytes", defaultValue = "16384", description = "bytes of an HTTP request's headers; more get 431 (default ${DEFAULT-VALUE})")
    int maxHeaderBytes;

    @Option(names = "--max-body-bytes", defaultValue = "65536", description = "bytes of an HTTP request body; more get 413 (default ${DEFAULT-VALUE})")
    int maxBodyBytes;

    /** {@code base} with these limits; a bad value is a usage error. */
    WebSocketLimits apply(WebSocketLimits base) {
        try {
            return base.withConnections(new ConnectionGate.Settings(maxConnectionsPerAddress,
                            Duration.ofSeconds(firstRequestTimeoutSeconds), maxHandshakesInFlight))
                    .withHttp(new HttpLimits(maxUrlBytes, maxHeaderBytes, HttpLimits.DEFAULT_MAX_CHUNK_BYTES, maxBodyBytes));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
