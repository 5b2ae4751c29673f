package org.mscluster.signaling.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mscluster.signaling.NodeServer;
import org.mscluster.signaling.net.ConnectionGate;
import org.mscluster.signaling.net.WebSocketLimits;

/**
 * What one client address may hold of a node, over raw sockets (so that no client library keeps
 * connections of its own): up to the limit of open connections every one is served, the next gets
 * a 429 JSON answer and is closed, and a connection that does not finish its first request in time
 * is dropped; the node serves again once connections are released.
 */
class ConnectionLimitsIT {

    private static final int PER_ADDRESS = 4;
    private static NodeServer node;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        node = TestNodes.start(1, config -> config.webSocketLimits(WebSocketLimits.defaults()
                .withConnections(new ConnectionGate.Settings(PER_ADDRESS, Duration.ofMillis(1500)))));
        port = node.address().getPort();
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void anAddressGetsItsConnectionsUpToTheLimitThenA429() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < PER_ADDRESS; i++) {
                Socket socket = new Socket("127.0.0.1", port);
                held.add(socket);
                assertThat(exchange(socket, "keep-alive")).startsWith("HTTP/1.1 200");
            }
            try (Socket extra = new Socket("127.0.0.1", port)) {
                String answer = exchange(extra, "keep-alive");
                assertThat(answer).startsWith("HTTP/1.1 429").contains("too many connections from this address (at most 4)");
                assertThat(readToEnd(extra.getInputStream())).as("closed after the refusal").isEmpty();
            }
        } finally {
            for (Socket socket : held) {
                socket.close();
            }
        }
        // Released: served again (the node notices the closes at once; give it a moment).
        Thread.sleep(300);
        try (Socket again = new Socket("127.0.0.1", port)) {
            assertThat(exchange(again, "close")).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aConnectionThatDoesNotFinishItsFirstRequestIsDropped() throws Exception {
        try (Socket slow = new Socket("127.0.0.1", port)) {
            slow.setSoTimeout(10_000);
            slow.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            slow.getOutputStream().flush();
            // The request never ends: the node closes the connection at its deadline, long before our read timeout.
            assertThat(readToEnd(slow.getInputStream())).isEmpty();
        }
        try (Socket normal = new Socket("127.0.0.1", port)) {
            assertThat(exchange(normal, "close")).startsWith("HTTP/1.1 200");
        }
    }

    /** Sends {@code GET /health} and reads one response (headers and its Content-Length body). */
    private static String exchange(Socket socket, String connection) throws IOException {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: " + connection + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        String headers = head.toString(StandardCharsets.US_ASCII);
        int length = 0;
        for (String line : headers.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        byte[] body = in.readNBytes(length);
        return headers + new String(body, StandardCharsets.UTF_8);
    }

    private static String readToEnd(InputStream in) throws IOException {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            return "(still open)";
        }
    }
}
