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
 */
public record WebSocketLimits(int maxMessageBytes, Duration pingInterval, Duration idleTimeout, Duration requestTimeout) {

    public static final int ONE_MEGABYTE = 1024 * 1024;

    public static WebSocketLimits defaults() {
        return new WebSocketLimits(ONE_MEGABYTE, Duration.ofSeconds(15), Duration.ofSeconds(45), Duration.ofSeconds(20));
    }

    public WebSocketLimits {
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("maxMessageBytes must be at least 1024");
        }
        if (pingInterval.compareTo(idleTimeout) >= 0) {
            throw new IllegalArgumentException("pingInterval must be shorter than idleTimeout, or live clients get dropped");
        }
    }
}
