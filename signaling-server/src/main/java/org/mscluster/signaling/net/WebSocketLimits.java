package org.mscluster.signaling.net;

import java.time.Duration;

/**
 * Timing and size limits of the signaling socket.
 *
 * @param maxMessageBytes largest protoo message; protoo-server's WebSocket library allows ~1 MB,
 *     and the biggest legitimate message (rtpCapabilities of a browser) is a few tens of KB
 * @param pingInterval a ping after this much silence from our side
 * @param idleTimeout close after this much silence from the client (pongs count)
 * @param requestTimeout how long a server→client request (newConsumer) waits for its answer
 * @param requestsPerSecond requests a peer may send per second on average (a browser joining sends a
 *     dozen; the excess is answered 429)
 * @param requestBurst requests a peer may send at once
 * @param connections connections per client address, how soon each must send its first request, and how
 *     many may be waiting for it at once
 * @param http sizes of the HTTP requests read (the URL, the headers, the body)
 */
public record WebSocketLimits(int maxMessageBytes, Duration pingInterval, Duration idleTimeout, Duration requestTimeout,
        int requestsPerSecond, int requestBurst, ConnectionGate.Settings connections, HttpLimits http) {

    public static final int ONE_MEGABYTE = 1024 * 1024;
    public static final int DEFAULT_REQUESTS_PER_SECOND = 100;
    public static final int DEFAULT_REQUEST_BURST = 200;

    public WebSocketLimits(int maxMessageBytes, Duration pingInterval, Duration idleTimeout, Duration requestTimeout) {
        this(maxMessageBytes, pingInterval, idleTimeout, requestTimeout, DEFAULT_REQUESTS_PER_SECOND, DEFAULT_REQUEST_BURST,
                ConnectionGate.Settings.defaults(), HttpLimits.defaults());
    }

    public static WebSocketLimits defaults() {
        return new WebSocketLimits(ONE_MEGABYTE, Duration.ofSeconds(15), Duration.ofSeconds(45), Duration.ofSeconds(20));
    }

    /** The same with another request rate. */
    public WebSocketLimits withRequestRate(int perSecond, int burst) {
        return new WebSocketLimits(maxMessageBytes, pingInterval, idleTimeout, requestTimeout, perSecond, burst, connections, http);
    }

    /** The same with other limits on connections. */
    public WebSocketLimits withConnections(ConnectionGate.Settings value) {
        return new WebSocketLimits(maxMessageBytes, pingInterval, idleTimeout, requestTimeout, requestsPerSecond, requestBurst, value, http);
    }

    /** The same with other HTTP request sizes. */
    public WebSocketLimits withHttp(HttpLimits value) {
        return new WebSocketLimits(maxMessageBytes, pingInterval, idleTimeout, requestTimeout, requestsPerSecond, requestBurst,
                connections, value);
    }

    public WebSocketLimits {
        connections = connections == null ? ConnectionGate.Settings.defaults() : connections;
        http = http == null ? HttpLimits.defaults() : http;
        if (requestsPerSecond < 1 || requestBurst < 1) {
            throw new IllegalArgumentException("requestsPerSecond and requestBurst must be at least 1");
        }
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024");
        }
        if (pingInterval.compareTo(idleTimeout) >= 0) {
            throw new IllegalArgumentException("pingInterval must be shorter than idleTimeout, or live clients get dropped");
        }
    }
}
